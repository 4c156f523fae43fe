using System;

namespace OktaIntegration.Core.Users;

/// <summary>
/// What Revoke-OktaUserSession did for one user: its Okta sessions ended, and whether OAuth
/// tokens and remembered devices went too (both were sent to Okta explicitly).
/// </summary>
public sealed class OktaUserSessionRevocation
{
    internal OktaUserSessionRevocation(string userId, string? login, bool oauthTokensRevoked, bool devicesForgotten, DateTimeOffset revokedAt)
    {
        UserId = userId;
        Login = login;
        OAuthTokensRevoked = oauthTokensRevoked;
        DevicesForgotten = devicesForgotten;
        RevokedAt = revokedAt;
    }

    public string UserId { get; }

    public string? Login { get; }

    public bool OAuthTokensRevoked { get; }

    public bool DevicesForgotten { get; }

    /// <summary>When Okta confirmed (204) the revocation.</summary>
    public DateTimeOffset RevokedAt { get; }

    public override string ToString() => $"{Login ?? UserId}: sessions revoked";
}
