using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace OktaIntegration.Core.Auth;

/// <summary>RFC 7638: SHA-256 over the required members in lexicographic order, base64url.</summary>
public static class JwkThumbprint
{
    public static string Compute(IReadOnlyDictionary<string, object> jwk)
    {
        var kty = (string)jwk["kty"];
        var canonical = kty == "RSA"
            ? $"{{\"e\":\"{jwk["e"]}\",\"kty\":\"RSA\",\"n\":\"{jwk["n"]}\"}}"
            : $"{{\"crv\":\"{jwk["crv"]}\",\"kty\":\"EC\",\"x\":\"{jwk["x"]}\",\"y\":\"{jwk["y"]}\"}}";
        using var sha = SHA256.Create();
        return Base64UrlEncoder.Encode(sha.ComputeHash(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>base64url(SHA-256(ASCII token)): the DPoP <c>ath</c> claim.</summary>
    public static string AccessTokenHash(string accessToken)
    {
        using var sha = SHA256.Create();
        return Base64UrlEncoder.Encode(sha.ComputeHash(Encoding.ASCII.GetBytes(accessToken)));
    }
}
