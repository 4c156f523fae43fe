using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;
using OktaIntegration.Core.Auth;

namespace OktaIntegration.Core.Siem.Entra;

/// <summary>
/// An Entra app's certificate credential: every token request carries a new client assertion,
/// an RS256 JWT signed with the certificate's private key whose header names the certificate by
/// x5t#S256 (the SHA-256 thumbprint, which Entra accepts besides the SHA-1 x5t); aud is the token
/// endpoint, iss = sub = the client id, a fresh jti, and nbf/exp around now (ten minutes, well
/// inside what Entra allows). Entra takes RSA certificates only.
/// </summary>
public sealed class EntraCertificateCredential : EntraClientCredential, IDisposable
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly SigningKey _key;
    private readonly string _sha256Thumbprint;
    private readonly Func<DateTimeOffset> _now;

    public EntraCertificateCredential(string clientId, X509Certificate2 certificate, Func<DateTimeOffset>? now = null)
        : base(clientId)
    {
        if (certificate == null) throw new ArgumentNullException(nameof(certificate));
        if (!certificate.HasPrivateKey)
            throw new ArgumentException($"The certificate {certificate.Thumbprint} ({certificate.Subject}) has no private key here; import it with its private key (a .pfx).");
        using (var publicKey = certificate.GetRSAPublicKey())
        {
            if (publicKey == null) throw new ArgumentException($"The certificate {certificate.Thumbprint} ({certificate.Subject}) does not hold an RSA key; Entra accepts RSA certificates only.");
        }
        try
        {
            _key = CertificateKeyLoader.Load(certificate, keyId: null);
        }
        catch (InvalidPrivateKeyException ex)
        {
            throw new ArgumentException(ex.Message, ex);
        }
        Thumbprint = certificate.Thumbprint;
        using (var sha = SHA256.Create()) _sha256Thumbprint = Base64UrlEncoder.Encode(sha.ComputeHash(certificate.RawData));
        _now = now ?? (() => DateTimeOffset.UtcNow);
    }

    /// <summary>The certificate's SHA-1 thumbprint, as the Entra portal shows it.</summary>
    public string Thumbprint { get; }

    public override string Kind => $"certificate {Thumbprint}";

    public override void AddTo(IDictionary<string, string> form, Uri tokenEndpoint)
    {
        form["client_id"] = ClientId;
        form["client_assertion_type"] = AssertionType;
        form["client_assertion"] = CreateAssertion(tokenEndpoint);
    }

    /// <summary>A new signed assertion for <paramref name="tokenEndpoint"/>.</summary>
    public string CreateAssertion(Uri tokenEndpoint)
    {
        var now = _now();
        var claims = new Dictionary<string, object>
        {
            ["aud"] = tokenEndpoint.ToString(),
            ["iss"] = ClientId,
            ["sub"] = ClientId,
            ["jti"] = JwtFactory.NewJti(),
            ["iat"] = JwtFactory.EpochSeconds(now),
            ["nbf"] = JwtFactory.EpochSeconds(now),
            ["exp"] = JwtFactory.EpochSeconds(now + Lifetime),
        };
        return JwtFactory.Sign(_key, claims, "JWT", new Dictionary<string, object> { ["x5t#S256"] = _sha256Thumbprint });
    }

    public void Dispose() => _key.Dispose();
}
