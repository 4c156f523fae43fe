using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OktaIntegration.Emulator.Auth;

/// <summary>Reads a compact JWT and checks its signature against given keys, without the library's own claim rules (we apply Okta's).</summary>
internal static class JwtInspector
{
    public static readonly string[] AsymmetricAlgorithms = { "RS256", "RS384", "RS512", "ES256", "ES384", "ES512" };
    private static readonly JsonWebTokenHandler Handler = new();

    public static JsonWebToken? TryRead(string? compact)
    {
        if (string.IsNullOrWhiteSpace(compact)) return null;
        try
        {
            return new JsonWebToken(compact);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static async Task<bool> SignatureValidAsync(string compact, IEnumerable<SecurityKey> keys)
    {
        var result = await Handler.ValidateTokenAsync(compact, new TokenValidationParameters
        {
            IssuerSigningKeys = keys.ToList(),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            ValidAlgorithms = AsymmetricAlgorithms,
            TryAllIssuerSigningKeys = true,
        });
        return result.IsValid;
    }

    public static long? Long(JsonWebToken jwt, string claim) =>
        jwt.TryGetPayloadValue<long>(claim, out var value) ? value : null;

    public static string? Str(JsonWebToken jwt, string claim) =>
        jwt.TryGetPayloadValue<string>(claim, out var value) ? value : null;
}
