using System;
using System.Collections.Generic;
using System.Net;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Connection;

/// <summary>
/// Everything needed to connect to one org, as the user gave it (parameters, then environment
/// variables for what was left out). Secrets are plain strings only inside Core and are never
/// part of the string form.
/// </summary>
public sealed class OktaConnectionSettings
{
    public string? OrgUrl { get; set; }

    /// <summary>The org's name in a settings file (Connect-OktaTenant -SettingsPath); null otherwise. Exports name the org by it.</summary>
    public string? Name { get; set; }

    public AuthenticationType? AuthenticationType { get; set; }

    public string? ApiToken { get; set; }

    public string? ClientId { get; set; }

    public string? PrivateKeyPath { get; set; }

    /// <summary>PEM or JWK text, for keys kept in a secret vault rather than a file.</summary>
    public string? PrivateKey { get; set; }

    public string? KeyId { get; set; }

    /// <summary>A certificate whose private key signs the client assertion (private_key_jwt), instead of a key file.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; set; }

    /// <summary>The thumbprint of such a certificate in CurrentUser\My or LocalMachine\My.</summary>
    public string? CertificateThumbprint { get; set; }

    public string? ClientSecret { get; set; }

    public string? AccessToken { get; set; }

    public IReadOnlyList<string> Scopes { get; set; } = Array.Empty<string>();

    public DPoPMode DPoP { get; set; } = DPoPMode.Auto;

    public string? DPoPKeyPath { get; set; }

    public Uri? Proxy { get; set; }

    public NetworkCredential? ProxyCredential { get; set; }

    public RetryOptions Retry { get; set; } = new();

    /// <summary>With <see cref="AuthenticationType.DeviceCode"/>: shows the user where to go and the code to enter (without it, the transport log's warning).</summary>
    public Action<DeviceCodePrompt>? DeviceCodePrompt { get; set; }

    /// <summary>Skip the proving call (for offline construction in tests); Connect-OktaTenant always proves.</summary>
    public bool SkipVerification { get; set; }

    public override string ToString() => $"{OrgUrl} ({AuthenticationType?.ToString() ?? "auth not chosen"})";
}
