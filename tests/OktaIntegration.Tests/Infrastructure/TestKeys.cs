using System.Security.Cryptography;
using OktaIntegration.Emulator;

namespace OktaIntegration.Tests.Infrastructure;

/// <summary>Keys generated per test run (never committed): PEM in each format Okta users have, and the public JWK to register.</summary>
public sealed class TestKey : System.IDisposable
{
    private TestKey(AsymmetricAlgorithm key, string kid)
    {
        Key = key;
        Kid = kid;
    }

    public AsymmetricAlgorithm Key { get; }

    public string Kid { get; }

    public static TestKey Rsa(string kid = "rsa1") => new(RSA.Create(2048), kid);

    public static TestKey Ec(string kid = "ec1") => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), kid);

    public string Pkcs8Pem => Key switch
    {
        RSA rsa => rsa.ExportPkcs8PrivateKeyPem(),
        ECDsa ec => ec.ExportPkcs8PrivateKeyPem(),
        _ => throw new System.NotSupportedException(),
    };

    /// <summary>PKCS#1 for RSA (BEGIN RSA PRIVATE KEY), SEC1 for EC (BEGIN EC PRIVATE KEY).</summary>
    public string TraditionalPem => Key switch
    {
        RSA rsa => rsa.ExportRSAPrivateKeyPem(),
        ECDsa ec => ec.ExportECPrivateKeyPem(),
        _ => throw new System.NotSupportedException(),
    };

    public string PrivateJwk
    {
        get
        {
            switch (Key)
            {
                case RSA rsa:
                {
                    var p = rsa.ExportParameters(true);
                    string B(byte[] b) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(b);
                    return System.Text.Json.JsonSerializer.Serialize(new { kty = "RSA", kid = Kid, n = B(p.Modulus!), e = B(p.Exponent!), d = B(p.D!), p = B(p.P!), q = B(p.Q!), dp = B(p.DP!), dq = B(p.DQ!), qi = B(p.InverseQ!) });
                }
                case ECDsa ec:
                {
                    var p = ec.ExportParameters(true);
                    string B(byte[] b) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(b);
                    return System.Text.Json.JsonSerializer.Serialize(new { kty = "EC", kid = Kid, crv = "P-256", x = B(p.Q.X!), y = B(p.Q.Y!), d = B(p.D!) });
                }
                default:
                    throw new System.NotSupportedException();
            }
        }
    }

    public string PublicJwk => Key switch
    {
        RSA rsa => PublicKeys.FromRsa(rsa.ExportParameters(false), Kid),
        ECDsa ec => PublicKeys.FromEc(ec, Kid),
        _ => throw new System.NotSupportedException(),
    };

    public void Dispose() => Key.Dispose();
}
