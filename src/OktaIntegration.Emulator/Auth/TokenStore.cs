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

    public IssuedToken Issue(string clientId, IReadOnlyCollection<string> scopes, TimeSpan lifetime, string? jkt)
    {
        var value = "eyJ" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var token = new IssuedToken(value, clientId, new HashSet<string>(scopes, StringComparer.Ordinal), DateTimeOffset.UtcNow + lifetime, jkt);
        _tokens[value] = token;
        System.Threading.Interlocked.Increment(ref _issued);
        return token;
    }

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
