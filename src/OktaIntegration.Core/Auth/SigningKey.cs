using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace OktaIntegration.Core.Auth;

/// <summary>
/// A private key ready to sign JWTs: the key, the JWS algorithm that fits it (RS256 for RSA,
/// ES256/384/512 by curve) and an optional key id. Its string form shows only public facts.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly IDisposable? _owned;

    internal SigningKey(AsymmetricSecurityKey key, string algorithm, string? keyId, IDisposable? owned)
    {
        // IdentityModel caches signature providers by key thumbprint; a reconnect with the same
        // key would then sign with the previous connection's disposed RSA object.
        key.CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false };
        Key = key;
        Algorithm = algorithm;
        KeyId = string.IsNullOrEmpty(keyId) ? null : keyId;
        if (KeyId != null) key.KeyId = KeyId;
        _owned = owned;
    }

    public AsymmetricSecurityKey Key { get; }

    public string Algorithm { get; }

    public string? KeyId { get; }

    public SigningCredentials Credentials => new(Key, Algorithm);

    /// <summary>The public half as a JWK (kty/n/e or kty/crv/x/y), as DPoP proofs carry it.</summary>
    public Dictionary<string, object> PublicJwk()
    {
        switch (Key)
        {
            case RsaSecurityKey rsa:
            {
                var p = rsa.Rsa != null ? rsa.Rsa.ExportParameters(false) : rsa.Parameters;
                return new Dictionary<string, object>
                {
                    ["kty"] = "RSA",
                    ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                };
            }
            case ECDsaSecurityKey ec:
            {
                var p = ec.ECDsa.ExportParameters(false);
                return new Dictionary<string, object>
                {
                    ["kty"] = "EC",
                    ["crv"] = CurveName(ec.ECDsa.KeySize),
                    ["x"] = Base64UrlEncoder.Encode(p.Q.X),
                    ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
                };
            }
            default:
                throw new NotSupportedException("Only RSA and EC keys are supported.");
        }
    }

    /// <summary>RFC 7638 thumbprint of the public key: what Okta binds a DPoP token to (cnf.jkt).</summary>
    public string Thumbprint() => JwkThumbprint.Compute(PublicJwk());

    internal static string CurveName(int keySize) => keySize switch
    {
        256 => "P-256",
        384 => "P-384",
        521 => "P-521",
        _ => throw new NotSupportedException($"EC keys of {keySize} bits are not supported; use P-256, P-384 or P-521."),
    };

    internal static string EcAlgorithm(int keySize) => keySize switch
    {
        256 => SecurityAlgorithms.EcdsaSha256,
        384 => SecurityAlgorithms.EcdsaSha384,
        521 => SecurityAlgorithms.EcdsaSha512,
        _ => throw new NotSupportedException($"EC keys of {keySize} bits are not supported; use P-256, P-384 or P-521."),
    };

    /// <summary>A new P-256 key for DPoP when the user gives none: DPoP keys must differ from the client-auth key.</summary>
    public static SigningKey CreateEphemeralEc()
    {
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new SigningKey(new ECDsaSecurityKey(ecdsa), SecurityAlgorithms.EcdsaSha256, null, ecdsa);
    }

    public void Dispose() => _owned?.Dispose();

    public override string ToString() => $"{Algorithm} key{(KeyId != null ? " kid=" + KeyId : string.Empty)}";
}
