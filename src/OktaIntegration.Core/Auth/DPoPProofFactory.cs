using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Auth;

/// <summary>
/// Builds RFC 9449 proofs the way Okta checks them: typ dpop+jwt, the public JWK in the header,
/// htm, htu = scheme + host + percent-decoded path (no query, no fragment), iat, a new jti,
/// ath for resource calls and the origin's latest nonce when we have one.
/// </summary>
public sealed class DPoPProofFactory : IDisposable
{
    private readonly Func<DateTimeOffset> _now;
    private readonly Dictionary<string, object> _publicJwk;

    public DPoPProofFactory(SigningKey key, Func<DateTimeOffset>? now = null)
    {
        Key = key;
        _now = now ?? (() => DateTimeOffset.UtcNow);
        _publicJwk = key.PublicJwk();
        Thumbprint = key.Thumbprint();
    }

    public SigningKey Key { get; }

    /// <summary>The jkt a DPoP-bound token must carry.</summary>
    public string Thumbprint { get; }

    public DPoPNonceStore Nonces { get; } = new();

    public string Create(string method, Uri uri, string? accessToken)
    {
        var claims = new Dictionary<string, object>
        {
            ["htm"] = method.ToUpperInvariant(),
            ["htu"] = HtuOf(uri),
            ["iat"] = JwtFactory.EpochSeconds(_now()),
            ["jti"] = JwtFactory.NewJti(),
        };
        if (accessToken != null) claims["ath"] = JwkThumbprint.AccessTokenHash(accessToken);
        var nonce = Nonces.Get(uri);
        if (nonce != null) claims["nonce"] = nonce;
        var header = new Dictionary<string, object> { ["jwk"] = _publicJwk };
        return JwtFactory.Sign(Key, claims, "dpop+jwt", header);
    }

    /// <summary>Okta compares htu with the decoded path: /users/a%40b.com must be proven as /users/a@b.com.</summary>
    public static string HtuOf(Uri uri) =>
        uri.GetLeftPart(UriPartial.Authority) + Uri.UnescapeDataString(uri.AbsolutePath);

    public void Dispose() => Key.Dispose();
}
