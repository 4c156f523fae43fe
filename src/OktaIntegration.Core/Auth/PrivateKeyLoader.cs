using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace OktaIntegration.Core.Auth;

/// <summary>
/// Loads a private key in the forms Okta's admin console and openssl hand out: PEM PKCS#1
/// (BEGIN RSA PRIVATE KEY), PEM PKCS#8 (BEGIN PRIVATE KEY, RSA or EC), PEM SEC1 (BEGIN EC
/// PRIVATE KEY), or JWK JSON (a single key or a JWKS holding one private key). Errors say which
/// form was expected; they never echo key material.
/// </summary>
public static class PrivateKeyLoader
{
    public static SigningKey LoadFile(string path, string? keyId = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The private key file '{path}' does not exist. Give the path of the PEM or JWK file you saved when you added the key to the Okta app.", path);
        return Load(File.ReadAllText(path), keyId, Path.GetFileName(path));
    }

    public static SigningKey Load(string text, string? keyId = null, string source = "the private key")
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException($"{source} is empty.");
        var trimmed = text.Trim();
        try
        {
            if (trimmed.StartsWith("{", StringComparison.Ordinal)) return FromJwk(trimmed, keyId, source);
            if (trimmed.Contains("-----BEGIN")) return FromPem(trimmed, keyId, source);
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException($"{source} could not be read as a private key: {ex.Message}", ex);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"{source} could not be read as a private key: {ex.Message}", ex);
        }
        throw new ArgumentException($"{source} is neither a PEM private key (-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY) nor a JWK JSON object.");
    }

    private static SigningKey FromPem(string pem, string? keyId, string source)
    {
        if (pem.Contains("PUBLIC KEY") || pem.Contains("CERTIFICATE"))
            throw new ArgumentException($"{source} holds a public key or certificate; Okta needs the private key to verify your client assertion signature. Give the private key file.");
        if (pem.Contains("ENCRYPTED PRIVATE KEY"))
            throw new ArgumentException($"{source} is an encrypted private key; decrypt it first (openssl pkcs8 -in key.pem -out plain.pem) or store it in a secret vault and pass it with -PrivateKey.");
        var der = PemBody(pem);
        if (pem.Contains("BEGIN RSA PRIVATE KEY")) return Rsa(DerKeyReader.ReadPkcs1Rsa(der), keyId);
        if (pem.Contains("BEGIN EC PRIVATE KEY")) return Ec(DerKeyReader.ReadSec1Ec(der, null), keyId);
        if (pem.Contains("BEGIN PRIVATE KEY"))
        {
            var key = DerKeyReader.ReadPkcs8(der);
            return key.Rsa is { } rsa ? Rsa(rsa, keyId) : Ec(key.Ec!.Value, keyId);
        }
        throw new ArgumentException($"{source} holds a PEM block this module does not know; expected BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY.");
    }

    private static byte[] PemBody(string pem)
    {
        var lines = pem.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal) && !l.Contains(':'));
        return Convert.FromBase64String(string.Concat(lines));
    }

    private static SigningKey FromJwk(string json, string? keyId, string source)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.TryGetProperty("keys", out var keys) && keys.ValueKind == JsonValueKind.Array)
        {
            var privateKeys = keys.EnumerateArray().Where(k => k.TryGetProperty("d", out _)).ToList();
            if (keyId != null) privateKeys = privateKeys.Where(k => Str(k, "kid") == keyId).ToList();
            if (privateKeys.Count != 1)
                throw new ArgumentException($"{source} is a JWKS with {privateKeys.Count} matching private keys; give a file with exactly one, or name it with -KeyId.");
            return FromJwkElement(privateKeys[0], keyId, source);
        }
        return FromJwkElement(root, keyId, source);
    }

    private static SigningKey FromJwkElement(JsonElement jwk, string? keyId, string source)
    {
        var kid = keyId ?? Str(jwk, "kid");
        if (Str(jwk, "d") == null)
            throw new ArgumentException($"{source} is a public JWK (no 'd'); Okta needs the private key. Give the private JWK you downloaded when the key was generated.");
        switch (Str(jwk, "kty"))
        {
            case "RSA":
                return Rsa(new RSAParameters
                {
                    Modulus = B(jwk, "n"),
                    Exponent = B(jwk, "e"),
                    D = B(jwk, "d"),
                    P = B(jwk, "p"),
                    Q = B(jwk, "q"),
                    DP = B(jwk, "dp"),
                    DQ = B(jwk, "dq"),
                    InverseQ = B(jwk, "qi"),
                }, kid);
            case "EC":
                var curve = Str(jwk, "crv") switch
                {
                    "P-256" => ECCurve.NamedCurves.nistP256,
                    "P-384" => ECCurve.NamedCurves.nistP384,
                    "P-521" => ECCurve.NamedCurves.nistP521,
                    var other => throw new ArgumentException($"{source} uses curve '{other}'; Okta accepts P-256, P-384 and P-521."),
                };
                return Ec(new ECParameters { Curve = curve, D = B(jwk, "d"), Q = new ECPoint { X = B(jwk, "x"), Y = B(jwk, "y") } }, kid);
            default:
                throw new ArgumentException($"{source} has kty '{Str(jwk, "kty")}'; Okta accepts RSA and EC keys.");
        }
    }

    private static SigningKey Rsa(RSAParameters parameters, string? keyId)
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(parameters);
        if (rsa.KeySize < 2048) throw new ArgumentException($"The RSA key has {rsa.KeySize} bits; Okta requires at least 2048.");
        return new SigningKey(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256, keyId, rsa);
    }

    private static SigningKey Ec(ECParameters parameters, string? keyId)
    {
        var ecdsa = ECDsa.Create(parameters);
        return new SigningKey(new ECDsaSecurityKey(ecdsa), SigningKey.EcAlgorithm(ecdsa.KeySize), keyId, ecdsa);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static byte[] B(JsonElement e, string name) =>
        Str(e, name) is { } s ? Base64UrlEncoder.DecodeBytes(s) : throw new FormatException($"the JWK has no '{name}'");
}
