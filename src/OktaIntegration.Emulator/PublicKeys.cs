using System;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace OktaIntegration.Emulator;

/// <summary>Turns a public key (PEM, JWK or private PEM whose public half is taken) into the JWK JSON an app registration holds.</summary>
public static class PublicKeys
{
    public static string ToJwk(string text, int index, string? kid = null)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("{", StringComparison.Ordinal))
        {
            using var doc = JsonDocument.Parse(trimmed);
            if (doc.RootElement.TryGetProperty("keys", out var keys)) return keys[0].GetRawText();
            return trimmed;
        }
        kid ??= "key" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(trimmed);
            return FromRsa(rsa.ExportParameters(false), kid);
        }
        catch (ArgumentException)
        {
            using var ec = ECDsa.Create();
            ec.ImportFromPem(trimmed);
            return FromEc(ec, kid);
        }
        catch (CryptographicException)
        {
            using var ec = ECDsa.Create();
            ec.ImportFromPem(trimmed);
            return FromEc(ec, kid);
        }
    }

    public static string FromRsa(RSAParameters p, string kid) =>
        JsonSerializer.Serialize(new { kty = "RSA", kid, use = "sig", e = Base64UrlEncoder.Encode(p.Exponent), n = Base64UrlEncoder.Encode(p.Modulus) });

    public static string FromEc(ECDsa ec, string kid)
    {
        var p = ec.ExportParameters(false);
        var crv = ec.KeySize switch { 256 => "P-256", 384 => "P-384", _ => "P-521" };
        return JsonSerializer.Serialize(new { kty = "EC", kid, use = "sig", crv, x = Base64UrlEncoder.Encode(p.Q.X), y = Base64UrlEncoder.Encode(p.Q.Y) });
    }
}
