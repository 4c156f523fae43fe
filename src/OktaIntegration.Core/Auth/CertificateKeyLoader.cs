using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace OktaIntegration.Core.Auth;

/// <summary>
/// private_key_jwt with a key kept in the certificate store (as Graph, Az and Exchange allow):
/// the certificate is found by thumbprint in CurrentUser\My, then LocalMachine\My, and its
/// private key signs the client assertion. The key never leaves the store's provider.
/// </summary>
public static class CertificateKeyLoader
{
    /// <summary>The certificate with <paramref name="thumbprint"/> from CurrentUser\My, else LocalMachine\My.</summary>
    public static X509Certificate2 FindByThumbprint(string thumbprint)
    {
        var wanted = thumbprint.Replace(" ", string.Empty).Replace(":", string.Empty).ToUpperInvariant();
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            try
            {
                using var store = new X509Store(StoreName.My, location);
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                var found = store.Certificates.Find(X509FindType.FindByThumbprint, wanted, validOnly: false);
                if (found.Count > 0) return found[0];
            }
            catch (CryptographicException)
            {
                // The store does not exist (e.g. LocalMachine\My on Linux): look in the next one.
            }
        }
        throw new InvalidPrivateKeyException(
            $"No certificate with thumbprint {wanted} is in CurrentUser\\My or LocalMachine\\My. Import the certificate with its private key, or pass it with -Certificate.",
            "-CertificateThumbprint");
    }

    /// <summary>A signing key from the certificate's private key (RSA of 2048 bits or more, or EC P-256/384/521).</summary>
    public static SigningKey Load(X509Certificate2 certificate, string? keyId)
    {
        var name = $"The certificate {certificate.Thumbprint} ({certificate.Subject})";
        if (!certificate.HasPrivateKey)
            throw new InvalidPrivateKeyException($"{name} has no private key here; import it with its private key (a .pfx), or give the key with -PrivateKeyPath.", certificate.Thumbprint);
        try
        {
            if (certificate.GetRSAPrivateKey() is { } rsa)
            {
                var bits = rsa.KeySize; // read before Dispose: a disposed key may not answer
                if (bits < 2048)
                {
                    rsa.Dispose();
                    // The loader serves Okta's client assertions and Microsoft Entra's (Sentinel): name neither alone.
                    throw new InvalidPrivateKeyException($"{name} has an RSA key of {bits} bits; signing needs at least 2048 (Okta and Microsoft Entra refuse smaller RSA keys). Use a certificate with a key of 2048 bits or more.", certificate.Thumbprint);
                }
                return new SigningKey(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256, keyId, rsa);
            }
            if (certificate.GetECDsaPrivateKey() is { } ecdsa)
            {
                var algorithm = ecdsa.KeySize switch
                {
                    256 or 384 or 521 => SigningKey.EcAlgorithm(ecdsa.KeySize),
                    _ => null,
                };
                if (algorithm == null)
                {
                    ecdsa.Dispose();
                    throw new InvalidPrivateKeyException($"{name} has an EC key of {ecdsa.KeySize} bits; Okta accepts P-256, P-384 and P-521.", certificate.Thumbprint);
                }
                return new SigningKey(new ECDsaSecurityKey(ecdsa), algorithm, keyId, ecdsa);
            }
        }
        catch (CryptographicException ex)
        {
            throw new InvalidPrivateKeyException($"{name}: its private key could not be used: {ex.Message}", certificate.Thumbprint, ex);
        }
        throw new InvalidPrivateKeyException($"{name} holds neither an RSA nor an EC key; Okta accepts those two.", certificate.Thumbprint);
    }
}
