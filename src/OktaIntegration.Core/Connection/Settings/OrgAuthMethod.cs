namespace OktaIntegration.Core.Connection.Settings;

/// <summary>The non-interactive ways Connect-OktaTenant signs in, as a settings file names them ("auth").</summary>
public enum OrgAuthMethod
{
    /// <summary>"private_key_jwt": a client assertion signed with a key from a file, an environment variable or a vault.</summary>
    PrivateKeyJwt,

    /// <summary>"client_secret": client_secret_basic with a secret from an environment variable or a vault.</summary>
    ClientSecret,

    /// <summary>"api_token": an SSWS API token from an environment variable or a vault.</summary>
    ApiToken,

    /// <summary>"certificate": a client assertion signed by a certificate in the store, named by thumbprint.</summary>
    Certificate,
}
