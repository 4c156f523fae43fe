using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Auth;

/// <summary>
/// The <c>private_key_jwt</c> client assertion: iss = sub = client id, aud = the exact token URL,
/// exp five minutes out (Okta refuses more than an hour, and a short life limits replay), a
/// single-use jti. A new one is signed for every token request and every retry, because Okta
/// spends the jti even on a request it refuses.
/// </summary>
public sealed class ClientAssertionFactory
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly string _clientId;
    private readonly SigningKey _key;
    private readonly Func<DateTimeOffset> _now;

    public ClientAssertionFactory(string clientId, SigningKey key, Func<DateTimeOffset>? now = null)
    {
        _clientId = clientId;
        _key = key;
        _now = now ?? (() => DateTimeOffset.UtcNow);
    }

    public string Create(Uri tokenEndpoint)
    {
        var now = _now();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = _clientId,
            ["sub"] = _clientId,
            ["aud"] = tokenEndpoint.ToString(),
            ["iat"] = JwtFactory.EpochSeconds(now),
            ["exp"] = JwtFactory.EpochSeconds(now + Lifetime),
            ["jti"] = JwtFactory.NewJti(),
        };
        return JwtFactory.Sign(_key, claims, "JWT", null);
    }
}
