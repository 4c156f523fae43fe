using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace OktaIntegration.Emulator.Auth;

/// <summary>
/// Issued access tokens, spent jti values (assertions and proofs are single use) and the DPoP
/// nonce. Tests use it to expire or revoke tokens mid-run and to rotate the nonce.
/// </summary>
public sealed class TokenStore
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _spentJtis = new(StringComparer.Ordinal);
    private readonly object _nonceGate = new();
    private string _nonce = NewNonce();
    private string? _previousNonce;
    private int _issued;

    public int IssuedCount => _issued;

    public string CurrentNonce
    {
        get { lock (_nonceGate) return _nonce; }
    }

    /// <summary>
    /// Issues an access token shaped like the org authorization server's: a JWT (typ
    /// application/okta-internal-at+jwt) with ver, jti, iss, aud, sub, cid, iat, exp, scp and, when
    /// DPoP-bound, cnf.jkt, signed RS256 with the emulator's own key. <paramref name="opaque"/> gives
    /// a random string instead, for clients that must not rely on the shape.
    /// </summary>
    public IssuedToken Issue(string clientId, IReadOnlyCollection<string> scopes, TimeSpan lifetime, string? jkt, string? issuer = null, bool opaque = false)
    {
        var expiresAt = DateTimeOffset.UtcNow + lifetime;
        var value = opaque ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_').TrimEnd('=')
            : SignedJwt(clientId, scopes, expiresAt, jkt, issuer ?? "http://127.0.0.1");
        var token = new IssuedToken(value, clientId, new HashSet<string>(scopes, StringComparer.Ordinal), expiresAt, jkt);
        _tokens[value] = token;
        System.Threading.Interlocked.Increment(ref _issued);
        return token;
    }

    private static string SignedJwt(string clientId, IReadOnlyCollection<string> scopes, DateTimeOffset expiresAt, string? jkt, string issuer)
    {
        // Written by hand (no reflection-based serializer) so the first token is as quick as the rest.
        var header = Json(w =>
        {
            w.WriteString("kid", SigningKeyId);
            w.WriteString("typ", "application/okta-internal-at+jwt");
            w.WriteString("alg", "RS256");
        });
        var claims = Json(w =>
        {
            w.WriteNumber("ver", 1);
            w.WriteString("jti", "AT." + NewNonce());
            w.WriteString("iss", issuer);
            w.WriteString("aud", issuer);
            w.WriteString("sub", clientId);
            w.WriteString("cid", clientId);
            w.WriteNumber("iat", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            w.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
            w.WriteStartArray("scp");
            foreach (var scope in scopes) w.WriteStringValue(scope);
            w.WriteEndArray();
            if (jkt != null)
            {
                w.WriteStartObject("cnf");
                w.WriteString("jkt", jkt);
                w.WriteEndObject();
            }
        });
        var signingInput = Base64Url(header) + "." + Base64Url(claims);
        var signature = _signingKey.SignData(System.Text.Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    private static byte[] Json(Action<System.Text.Json.Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private const string SigningKeyId = "emulator-at-key";

    // One key per process: making a 2048-bit RSA key takes long enough on a loaded machine to
    // delay the first token response past a short test token lifetime. The emulator makes it at
    // start (see OktaEmulator.StartAsync), not inside the first token request.
    private static readonly RSA _signingKey = RSA.Create(2048);

    /// <summary>Makes the signing key now, so no token request pays for it.</summary>
    internal static void PrepareSigningKey() => _ = _signingKey.KeySize;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    /// <summary>Every access token value issued (tests grep client output for them).</summary>
    public System.Collections.Generic.IReadOnlyCollection<string> IssuedValues => _tokens.Keys.ToArray();

    public IssuedToken? Find(string value) => _tokens.TryGetValue(value, out var t) ? t : null;

    /// <summary>Makes every issued token expire now, so the next call with one gets 401 invalid_token.</summary>
    public void ExpireAll()
    {
        foreach (var token in _tokens.Values) token.ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1);
    }

    /// <summary>Spends a jti; false when it was already used.</summary>
    public bool SpendJti(string scope, string jti) => _spentJtis.TryAdd(scope + ":" + jti, DateTimeOffset.UtcNow);

    /// <summary>True for the current nonce, and for the previous one unless the rotation invalidated it.</summary>
    public bool IsValidNonce(string? nonce)
    {
        if (string.IsNullOrEmpty(nonce)) return false;
        lock (_nonceGate) return nonce == _nonce || nonce == _previousNonce;
    }

    /// <summary>Issues a new nonce. Okta honours an old one for three days; <paramref name="keepPrevious"/> false makes it stale at once, to test recovery.</summary>
    public void RotateNonce(bool keepPrevious = false)
    {
        lock (_nonceGate)
        {
            _previousNonce = keepPrevious ? _nonce : null;
            _nonce = NewNonce();
        }
    }

    private static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}

/// <summary>An access token as the org remembers it.</summary>
public sealed class IssuedToken
{
    public IssuedToken(string value, string clientId, HashSet<string> scopes, DateTimeOffset expiresAt, string? jkt)
    {
        Value = value;
        ClientId = clientId;
        Scopes = scopes;
        ExpiresAt = expiresAt;
        Jkt = jkt;
    }

    public string Value { get; }

    public string ClientId { get; }

    public HashSet<string> Scopes { get; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The DPoP key thumbprint the token is bound to (cnf.jkt), or null for a Bearer token.</summary>
    public string? Jkt { get; }
}
