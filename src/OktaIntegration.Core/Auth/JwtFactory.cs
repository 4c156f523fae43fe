using System;
using System.Collections.Generic;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OktaIntegration.Core.Auth;

/// <summary>Signs the two JWTs we send: client assertions and DPoP proofs. Every call gets a new jti.</summary>
internal static class JwtFactory
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static string Sign(SigningKey key, IDictionary<string, object> claims, string? type, IDictionary<string, object>? extraHeader)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = key.Credentials,
            TokenType = type,
            AdditionalHeaderClaims = extraHeader,
        };
        return Handler.CreateToken(descriptor);
    }

    public static string NewJti() => Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N").Substring(0, 8);

    public static long EpochSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds();
}
