namespace OktaIntegration.Core.Auth;

/// <summary>How a connection proves who it is.</summary>
public enum AuthenticationType
{
    /// <summary>An SSWS API token: acts with the rights of the admin who created it.</summary>
    ApiToken,

    /// <summary>OAuth client credentials for an API Services app, signed with the app's private key (Okta's recommended way).</summary>
    PrivateKeyJwt,

    /// <summary>OAuth client credentials with a client secret (client_secret_basic), as OIN API service integrations use.</summary>
    ClientSecret,

    /// <summary>An access token obtained elsewhere.</summary>
    AccessToken,

    /// <summary>An admin's interactive sign-in to a native app with the OAuth device authorization grant (RFC 8628).</summary>
    DeviceCode,
}
