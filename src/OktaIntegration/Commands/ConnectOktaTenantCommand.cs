using System;
using System.Management.Automation;
using System.Security;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Connection;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Connects to an Okta org and proves the credentials work.</para>
/// <para type="description">Builds a connection with an SSWS API token, OAuth client credentials (private key JWT or client secret, DPoP detected automatically), or an existing access token; makes one cheap authenticated call; and makes it the runspace's default. Values not given come from OKTA_ORG_URL, OKTA_API_TOKEN, OKTA_CLIENT_ID, OKTA_PRIVATE_KEY_PATH, OKTA_KEY_ID, OKTA_CLIENT_SECRET and OKTA_SCOPES.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "OktaTenant", DefaultParameterSetName = EnvironmentSet, HelpUri = HelpLinks.Base + "Connect-OktaTenant.md")]
[OutputType(typeof(OktaConnection))]
public sealed class ConnectOktaTenantCommand : OktaCmdlet
{
    private const string EnvironmentSet = "Environment";
    private const string ApiTokenSet = "ApiToken";
    private const string PrivateKeyFileSet = "PrivateKeyFile";
    private const string PrivateKeyTextSet = "PrivateKey";
    private const string ClientSecretSet = "ClientSecret";
    private const string AccessTokenSet = "AccessToken";

    /// <summary>The org's API URL, e.g. https://yourorg.okta.com (never the -admin host).</summary>
    [Parameter(Position = 0)]
    [Alias("Domain", "Org")]
    public string? OrgUrl { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ApiTokenSet)]
    public SecureString? ApiToken { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = PrivateKeyFileSet)]
    [Parameter(Mandatory = true, ParameterSetName = PrivateKeyTextSet)]
    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    /// <summary>PEM (PKCS#1, PKCS#8, SEC1) or JWK file holding the app's private key.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PrivateKeyFileSet)]
    [ValidateNotNullOrEmpty]
    public string? PrivateKeyPath { get; set; }

    /// <summary>The private key's PEM or JWK text, e.g. from Get-Secret.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PrivateKeyTextSet)]
    public SecureString? PrivateKey { get; set; }

    /// <summary>The key id (kid) registered for the key; required by Okta once the app has more than one key.</summary>
    [Parameter(ParameterSetName = PrivateKeyFileSet)]
    [Parameter(ParameterSetName = PrivateKeyTextSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [Alias("Kid")]
    public string? KeyId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    public SecureString? ClientSecret { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
    public SecureString? AccessToken { get; set; }

    /// <summary>Okta API scopes to request, e.g. okta.logs.read, okta.groups.read.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PrivateKeyFileSet)]
    [Parameter(Mandatory = true, ParameterSetName = PrivateKeyTextSet)]
    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    [Parameter(ParameterSetName = AccessTokenSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ArgumentCompleter(typeof(ScopeCompleter))]
    public string[]? Scope { get; set; }

    /// <summary>Always send DPoP proofs (without it, DPoP is switched on only if the app requires it).</summary>
    [Parameter(ParameterSetName = PrivateKeyFileSet)]
    [Parameter(ParameterSetName = PrivateKeyTextSet)]
    [Parameter(ParameterSetName = ClientSecretSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    public SwitchParameter DPoP { get; set; }

    /// <summary>A key file for DPoP proofs; by default a new P-256 key is made for the connection.</summary>
    [Parameter(ParameterSetName = PrivateKeyFileSet)]
    [Parameter(ParameterSetName = PrivateKeyTextSet)]
    [Parameter(ParameterSetName = ClientSecretSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    public string? DPoPKeyPath { get; set; }

    /// <summary>A proxy to use instead of the system proxy.</summary>
    [Parameter]
    public Uri? Proxy { get; set; }

    [Parameter]
    [Credential]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>Retries for throttling, 5xx and network failures before a call fails.</summary>
    [Parameter]
    [ValidateRange(0, 50)]
    public int MaxRetries { get; set; } = 8;

    /// <summary>Writes the connection, for -Connection on later cmdlets (several orgs in one session).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var settings = new OktaConnectionSettings
        {
            OrgUrl = OrgUrl,
            ApiToken = SecureStrings.ToPlain(ApiToken),
            ClientId = ClientId,
            PrivateKeyPath = PrivateKeyPath != null ? GetUnresolvedProviderPathFromPSPath(PrivateKeyPath) : null,
            PrivateKey = SecureStrings.ToPlain(PrivateKey),
            KeyId = KeyId,
            ClientSecret = SecureStrings.ToPlain(ClientSecret),
            AccessToken = SecureStrings.ToPlain(AccessToken),
            Scopes = Scope ?? Array.Empty<string>(),
            DPoP = DPoP.IsPresent ? DPoPMode.Always : DPoPMode.Auto,
            DPoPKeyPath = DPoPKeyPath != null ? GetUnresolvedProviderPathFromPSPath(DPoPKeyPath) : null,
            Proxy = Proxy,
            ProxyCredential = ProxyCredential?.GetNetworkCredential(),
        };
        settings.Retry.MaxRetries = MaxRetries;
        settings.AuthenticationType = ParameterSetName switch
        {
            ApiTokenSet => AuthenticationType.ApiToken,
            PrivateKeyFileSet or PrivateKeyTextSet => AuthenticationType.PrivateKeyJwt,
            ClientSecretSet => AuthenticationType.ClientSecret,
            AccessTokenSet => AuthenticationType.AccessToken,
            _ => null,
        };
        if (settings.Scopes.Count == 1) settings.Scopes = EnvironmentSettings.SplitScopes(settings.Scopes[0]);
        EnvironmentSettings.Apply(settings, Environment.GetEnvironmentVariable);

        OktaConnection connection;
        try
        {
            connection = Run(ct => OktaConnectionFactory.ConnectAsync(settings, ct, null, Messages));
        }
        catch (ArgumentException ex)
        {
            var id = ex.Message.Contains("org URL") || ex.Message.Contains("Admin Console") ? ErrorIds.InvalidOrgUrl
                : ex.Message.Contains("private key") || ex.Message.Contains("JWK") || ex.Message.Contains("RSA key") ? ErrorIds.InvalidPrivateKey
                : ErrorIds.MissingCredential;
            Terminate(ex, OrgUrl, id);
            return;
        }
        catch (System.IO.FileNotFoundException ex)
        {
            Terminate(ex, PrivateKeyPath ?? DPoPKeyPath, ErrorIds.InvalidPrivateKey);
            return;
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            Terminate(ex, OrgUrl ?? settings.OrgUrl);
            return;
        }
        ConnectionRegistry.SetCurrent(connection);
        WriteVerbose($"Connected to {connection}; engine {connection.Engine ?? "unknown"}.");
        if (PassThru) WriteObject(connection);
    }
}
