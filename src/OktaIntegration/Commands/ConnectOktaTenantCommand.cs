using System;
using System.Management.Automation;
using System.Security;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Connection;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Connects to an Okta org and proves the credentials work.</para>
/// <para type="description">With -SettingsPath: connects every org a settings file names (an MSSP's tenants), reading each secret from the environment variable, key file or SecretManagement vault the file names, and writes one connection per org without changing the default. Otherwise: builds a connection with an SSWS API token, OAuth client credentials (private key JWT or client secret, DPoP detected automatically), an existing access token, or your own interactive sign-in to a native app (-UseDeviceCode); makes one cheap authenticated call; and makes it the runspace's default. Connections kept with -PassThru stay open when you connect again. Values not given come from OKTA_ORG_URL, OKTA_API_TOKEN, OKTA_CLIENT_ID, OKTA_PRIVATE_KEY_PATH, OKTA_KEY_ID, OKTA_CLIENT_SECRET and OKTA_SCOPES.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "OktaTenant", DefaultParameterSetName = EnvironmentSet, HelpUri = HelpLinks.Base + "Connect-OktaTenant.md")]
[OutputType(typeof(OktaConnection))]
public sealed partial class ConnectOktaTenantCommand : OktaCmdlet
{
    private const string EnvironmentSet = "Environment";
    private const string ApiTokenSet = "ApiToken";
    private const string PrivateKeyFileSet = "PrivateKeyFile";
    private const string PrivateKeyTextSet = "PrivateKey";
    private const string CertificateSet = "Certificate";
    private const string CertificateThumbprintSet = "CertificateThumbprint";
    private const string ClientSecretSet = "ClientSecret";
    private const string AccessTokenSet = "AccessToken";
    private const string DeviceCodeSet = "DeviceCode";

    /// <summary>The org's API URL, e.g. https://yourorg.okta.com (never the -admin host).</summary>
    [Parameter(Position = 0)]
    [Alias("Domain", "Org")]
    public string? OrgUrl { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ApiTokenSet)]
    public SecureString? ApiToken { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = PrivateKeyFileSet)]
    [Parameter(Mandatory = true, ParameterSetName = PrivateKeyTextSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    /// <summary>A certificate (with its private key) whose key signs the client assertion, e.g. from Get-Item Cert:\CurrentUser\My\THUMBPRINT.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    [ValidateNotNull]
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; set; }

    /// <summary>The thumbprint of a certificate in CurrentUser\My or LocalMachine\My whose private key signs the client assertion.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificateThumbprint { get; set; }

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
    [Parameter(ParameterSetName = CertificateSet)]
    [Parameter(ParameterSetName = CertificateThumbprintSet)]
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
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
    [Parameter(ParameterSetName = AccessTokenSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ArgumentCompleter(typeof(ScopeCompleter))]
    public string[]? Scope { get; set; }

    /// <summary>Always send DPoP proofs (without it, DPoP is switched on only if the app requires it).</summary>
    [Parameter(ParameterSetName = PrivateKeyFileSet)]
    [Parameter(ParameterSetName = PrivateKeyTextSet)]
    [Parameter(ParameterSetName = CertificateSet)]
    [Parameter(ParameterSetName = CertificateThumbprintSet)]
    [Parameter(ParameterSetName = ClientSecretSet)]
    [Parameter(ParameterSetName = DeviceCodeSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    public SwitchParameter DPoP { get; set; }

    /// <summary>A key file for DPoP proofs; by default a new P-256 key is made for the connection. With -AccessToken: the key a DPoP-bound token is bound to.</summary>
    [Parameter(ParameterSetName = AccessTokenSet)]
    [Parameter(ParameterSetName = PrivateKeyFileSet)]
    [Parameter(ParameterSetName = PrivateKeyTextSet)]
    [Parameter(ParameterSetName = CertificateSet)]
    [Parameter(ParameterSetName = CertificateThumbprintSet)]
    [Parameter(ParameterSetName = ClientSecretSet)]
    [Parameter(ParameterSetName = DeviceCodeSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    public string? DPoPKeyPath { get; set; }

    /// <summary>Signs you in interactively with a native app (-ClientId) by the device authorization grant: open the URL shown, enter the code, approve. Add offline_access to -Scope so the connection can renew its token.</summary>
    [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
    public SwitchParameter UseDeviceCode { get; set; }

    /// <summary>A proxy to use instead of the system proxy.</summary>
    [Parameter]
    public Uri? Proxy { get; set; }

    /// <summary>Credentials for -Proxy or, without -Proxy, for the system proxy.</summary>
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
        if (ParameterSetName == SettingsSet)
        {
            ConnectFromSettingsFile();
            return;
        }
        var settings = new OktaConnectionSettings
        {
            OrgUrl = OrgUrl,
            ApiToken = SecureStrings.ToPlain(ApiToken),
            ClientId = ClientId,
            PrivateKeyPath = PrivateKeyPath != null ? GetUnresolvedProviderPathFromPSPath(PrivateKeyPath) : null,
            PrivateKey = SecureStrings.ToPlain(PrivateKey),
            KeyId = KeyId,
            Certificate = Certificate,
            CertificateThumbprint = CertificateThumbprint,
            ClientSecret = SecureStrings.ToPlain(ClientSecret),
            AccessToken = SecureStrings.ToPlain(AccessToken),
            Scopes = Scope ?? Array.Empty<string>(),
            DPoP = DPoP.IsPresent ? DPoPMode.Always : DPoPMode.Auto,
            DPoPKeyPath = DPoPKeyPath != null ? GetUnresolvedProviderPathFromPSPath(DPoPKeyPath) : null,
            Proxy = Proxy,
            ProxyCredential = ProxyCredential?.GetNetworkCredential(),
        };
        settings.Retry.MaxRetries = MaxRetries;
        // Shown on the host like the connect confirmation (Core runs on another thread; the pump writes it here).
        settings.DeviceCodePrompt = prompt => Messages.HostLine(prompt.ToString(), "OktaDeviceCode");
        settings.AuthenticationType = ParameterSetName switch
        {
            ApiTokenSet => AuthenticationType.ApiToken,
            PrivateKeyFileSet or PrivateKeyTextSet or CertificateSet or CertificateThumbprintSet => AuthenticationType.PrivateKeyJwt,
            ClientSecretSet => AuthenticationType.ClientSecret,
            AccessTokenSet => AuthenticationType.AccessToken,
            DeviceCodeSet => AuthenticationType.DeviceCode,
            _ => null,
        };
        if (settings.Scopes.Count == 1) settings.Scopes = EnvironmentSettings.SplitScopes(settings.Scopes[0]);
        EnvironmentSettings.Apply(settings, Environment.GetEnvironmentVariable);

        if (ProxyCredential != null && Proxy == null)
            WriteVerbose("-ProxyCredential without -Proxy: the credential is given to the system proxy (HTTPS_PROXY or the OS setting).");

        OktaConnection connection;
        try
        {
            connection = Run(ct => OktaConnectionFactory.ConnectAsync(settings, ct, null, Messages));
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            // The id follows from the exception's type (see ErrorRecords); only the target is chosen here.
            switch (ex)
            {
                case InvalidPrivateKeyException key:
                    Terminate(ex, key.KeySource);
                    break;
                case System.IO.FileNotFoundException or System.IO.DirectoryNotFoundException:
                    Terminate(ex, PrivateKeyPath ?? DPoPKeyPath, ErrorIds.InvalidPrivateKey);
                    break;
                default:
                    Terminate(ex, OrgUrl ?? settings.OrgUrl);
                    break;
            }
            return;
        }
        ConnectionRegistry.Add(connection, handedOut: PassThru);
        WriteVerbose($"Connected to {connection}; engine {connection.Engine ?? "unknown"}.");
        if (PassThru) WriteObject(connection);
        else WriteConfirmation(connection);
    }

    /// <summary>One line on the host, as Connect-MgGraph prints; it is in the Information stream, so -InformationAction Ignore hides it.</summary>
    private void WriteConfirmation(OktaConnection connection)
    {
        var text = new System.Text.StringBuilder($"Connected to {connection.OrgUrl}");
        if (connection.Engine != null) text.Append($" ({connection.Engine})");
        text.Append($" with {connection.AuthenticationType}");
        if (connection.ClientId != null) text.Append($" as {connection.ClientId}");
        if (connection.DPoP) text.Append(", DPoP");
        if (connection.TokenExpiresAt is { } expires) text.Append($", token expires {expires.UtcDateTime:u}");
        text.Append(". Details: Get-OktaConnection.");
        WriteInformation(new HostInformationMessage { Message = text.ToString() }, new[] { "PSHOST", "OktaConnection" });
    }
}
