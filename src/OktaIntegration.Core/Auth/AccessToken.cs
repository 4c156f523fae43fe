using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Auth;

/// <summary>An OAuth access token. Its value never appears in its string form.</summary>
public sealed class AccessToken
{
    public AccessToken(string value, string tokenType, DateTimeOffset expiresAt, IReadOnlyList<string> scopes, long lifetimeSeconds = 3600)
    {
        LifetimeSeconds = lifetimeSeconds;
        Value = value;
        TokenType = tokenType;
        ExpiresAt = expiresAt;
        Scopes = scopes;
    }

    public string Value { get; }

    /// <summary>"Bearer" or "DPoP".</summary>
    public string TokenType { get; }

    public DateTimeOffset ExpiresAt { get; }

    public IReadOnlyList<string> Scopes { get; }

    /// <summary>expires_in as Okta gave it (always 3600 on a real org; shorter on the emulator for tests).</summary>
    public long LifetimeSeconds { get; }

    public bool IsDPoP => string.Equals(TokenType, "DPoP", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{TokenType} access token (expires {ExpiresAt:u})";
}
