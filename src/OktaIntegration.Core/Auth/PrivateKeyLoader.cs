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
        if (Directory.Exists(path))
            throw new InvalidPrivateKeyException($"The key path '{path}' is a directory, not a key file. Give the path of the PEM or JWK file itself.", path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"The private key file '{path}' does not exist. Give the path of the PEM or JWK file you saved when you added the key to the Okta app.", path);
        return LoadNamed(File.ReadAllText(path), keyId, $"The key file '{path}'", path);
    }

    /// <summary>Reads <paramref name="text"/> as a PEM or JWK private key; problems are <see cref="InvalidPrivateKeyException"/> starting with <paramref name="source"/>.</summary>
    public static SigningKey Load(string text, string? keyId = null, string source = "The private key") => LoadNamed(text, keyId, source, source);

    /// <summary>
    /// Every problem with the key itself becomes an <see cref="InvalidPrivateKeyException"/>
    /// whose message starts with <paramref name="source"/> and whose KeySource is
    /// <paramref name="name"/> (the file path or parameter), whatever the parser below failed
    /// with, so callers choose the error by type.
    /// </summary>
    internal static SigningKey LoadNamed(string text, string? keyId, string source, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new InvalidPrivateKeyException($"{source} is empty.", name);
        var trimmed = text.Trim();
        try
        {
            if (trimmed.StartsWith("{", StringComparison.Ordinal)) return FromJwk(trimmed, keyId, source, name);
            if (trimmed.Contains("-----BEGIN")) return FromPem(trimmed, keyId, source, name);
        }
        catch (InvalidPrivateKeyException)
        {
            throw;
        }
        catch (JsonException)
        {
            // The parser's text quotes the input; keep it out of the message.
            throw new InvalidPrivateKeyException($"{source} starts like a JWK but is not valid JSON.", name);
        }
        catch (Exception ex) when (ex is CryptographicException || ex is FormatException || ex is NotSupportedException || ex is ArgumentException)
        {
            throw new InvalidPrivateKeyException($"{source} could not be read as a private key: {ex.Message}", name, ex);
        }
        throw new InvalidPrivateKeyException($"{source} is neither a PEM private key (-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY) nor a JWK JSON object.", name);
    }

    private static SigningKey FromPem(string pem, string? keyId, string source, string name)
    {
        if (pem.Contains("PUBLIC KEY") || pem.Contains("CERTIFICATE"))
            throw new InvalidPrivateKeyException($"{source} holds a public key or certificate; Okta needs the private key to verify your client assertion signature. Give the private key file.", name);
        if (pem.Contains("ENCRYPTED PRIVATE KEY"))
            throw new InvalidPrivateKeyException($"{source} is an encrypted private key; decrypt it first (openssl pkcs8 -in key.pem -out plain.pem) or store it in a secret vault and pass it with -PrivateKey.", name);
        if (pem.Contains("BEGIN DSA PRIVATE KEY"))
            throw new InvalidPrivateKeyException($"{source} is a DSA key; Okta accepts RSA (2048 bits or more) and EC (P-256, P-384, P-521) keys.", name);
        var der = PemBody(pem);
        if (pem.Contains("BEGIN RSA PRIVATE KEY")) return Rsa(DerKeyReader.ReadPkcs1Rsa(der), keyId, source, name);
        if (pem.Contains("BEGIN EC PRIVATE KEY")) return Ec(DerKeyReader.ReadSec1Ec(der, null), keyId);
        if (pem.Contains("BEGIN PRIVATE KEY"))
        {
            var key = DerKeyReader.ReadPkcs8(der);
            return key.Rsa is { } rsa ? Rsa(rsa, keyId, source, name) : Ec(key.Ec!.Value, keyId);
        }
        throw new InvalidPrivateKeyException($"{source} holds a PEM block this module does not know; expected BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY.", name);
    }

    private static byte[] PemBody(string pem)
    {
        var lines = pem.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal) && !l.Contains(':'));
        return Convert.FromBase64String(string.Concat(lines));
    }

    private static SigningKey FromJwk(string json, string? keyId, string source, string name)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidPrivateKeyException($"{source} is JSON but not a JWK object.", name);
        if (root.TryGetProperty("keys", out var keys) && keys.ValueKind == JsonValueKind.Array)
        {
            var privateKeys = keys.EnumerateArray().Where(k => k.ValueKind == JsonValueKind.Object && k.TryGetProperty("d", out _)).ToList();
            if (keyId != null) privateKeys = privateKeys.Where(k => Str(k, "kid") == keyId).ToList();
            if (privateKeys.Count != 1)
                throw new InvalidPrivateKeyException($"{source} is a JWKS with {privateKeys.Count} matching private keys; give a file with exactly one, or name it with -KeyId.", name);
            return FromJwkElement(privateKeys[0], keyId, source, name);
        }
        return FromJwkElement(root, keyId, source, name);
    }

    private static SigningKey FromJwkElement(JsonElement jwk, string? keyId, string source, string name)
    {
        var kid = keyId ?? Str(jwk, "kid");
        var kty = Str(jwk, "kty");
        if (kty == null)
            throw new InvalidPrivateKeyException($"{source} is a JWK without 'kty'; Okta accepts RSA and EC keys (kty RSA or EC).", name);
        if (kty == "oct")
            throw new InvalidPrivateKeyException($"{source} is a symmetric (kty oct) key; private_key_jwt needs an RSA or EC private key. For a shared secret use -ClientSecret.", name);
        if (kty != "RSA" && kty != "EC")
            throw new InvalidPrivateKeyException($"{source} has kty '{kty}'; Okta accepts RSA and EC keys.", name);
        if (Str(jwk, "d") == null)
            throw new InvalidPrivateKeyException($"{source} is a public JWK (no 'd'); Okta needs the private key. Give the private JWK you downloaded when the key was generated.", name);
        if (kty == "RSA")
        {
            // RFC 7518 §6.3.2: only d is required beside n and e; the CRT values may be left out.
            var parameters = Str(jwk, "p") == null
                ? RsaPrimeRecovery.Complete(B(jwk, "n"), B(jwk, "e"), B(jwk, "d"))
                : new RSAParameters
                {
                    Modulus = B(jwk, "n"),
                    Exponent = B(jwk, "e"),
                    D = B(jwk, "d"),
                    P = B(jwk, "p"),
                    Q = B(jwk, "q"),
                    DP = B(jwk, "dp"),
                    DQ = B(jwk, "dq"),
                    InverseQ = B(jwk, "qi"),
                };
            return Rsa(parameters, kid, source, name);
        }
        var curve = Str(jwk, "crv") switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            "P-521" => ECCurve.NamedCurves.nistP521,
            var other => throw new InvalidPrivateKeyException($"{source} uses curve '{other}'; Okta accepts P-256, P-384 and P-521.", name),
        };
        return Ec(new ECParameters { Curve = curve, D = B(jwk, "d"), Q = new ECPoint { X = B(jwk, "x"), Y = B(jwk, "y") } }, kid);
    }

    private static SigningKey Rsa(RSAParameters parameters, string? keyId, string source, string name)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(parameters);
            if (rsa.KeySize < 2048) throw new InvalidPrivateKeyException($"{source} is an RSA key of {rsa.KeySize} bits; Okta requires at least 2048.", name);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
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
