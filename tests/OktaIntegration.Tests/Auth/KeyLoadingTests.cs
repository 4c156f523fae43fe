using System;
using System.IO;
using System.Security.Cryptography;
using OktaIntegration.Core.Auth;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Auth;

/// <summary>The hand-written DER reader (what Windows PowerShell 5.1 uses) must agree with .NET's own PEM import.</summary>
public class KeyLoadingTests
{
    [Fact]
    public void Pkcs1_and_pkcs8_rsa_give_the_same_key_as_dotnet()
    {
        using var rsa = RSA.Create(2048);
        var expected = rsa.ExportParameters(true);
        var fromPkcs1 = DerKeyReader.ReadPkcs1Rsa(rsa.ExportRSAPrivateKey());
        var fromPkcs8 = DerKeyReader.ReadPkcs8(rsa.ExportPkcs8PrivateKey()).Rsa!.Value;
        foreach (var actual in new[] { fromPkcs1, fromPkcs8 })
        {
            Assert.Equal(expected.Modulus, actual.Modulus);
            Assert.Equal(expected.Exponent, actual.Exponent);
            Assert.Equal(expected.D, actual.D);
            Assert.Equal(expected.P, actual.P);
            Assert.Equal(expected.InverseQ, actual.InverseQ);
        }
    }

    [Theory]
    [InlineData("nistP256")]
    [InlineData("nistP384")]
    [InlineData("nistP521")]
    public void Sec1_and_pkcs8_ec_give_the_same_key_as_dotnet(string curveName)
    {
        using var ec = ECDsa.Create(ECCurve.CreateFromFriendlyName(curveName));
        var expected = ec.ExportParameters(true);
        var fromSec1 = DerKeyReader.ReadSec1Ec(ec.ExportECPrivateKey(), null);
        var fromPkcs8 = DerKeyReader.ReadPkcs8(ec.ExportPkcs8PrivateKey()).Ec!.Value;
        foreach (var actual in new[] { fromSec1, fromPkcs8 })
        {
            Assert.Equal(expected.D, actual.D);
            Assert.Equal(expected.Q.X, actual.Q.X);
            Assert.Equal(expected.Q.Y, actual.Q.Y);
        }
    }

    [Fact]
    public void Loaded_keys_pick_the_algorithm_and_keep_the_kid()
    {
        using var rsa = TestKey.Rsa("k1");
        using var ec = TestKey.Ec("k2");
        using var rsaKey = PrivateKeyLoader.Load(rsa.PrivateJwk);
        using var ecKey = PrivateKeyLoader.Load(ec.Pkcs8Pem, "override");
        Assert.Equal("RS256", rsaKey.Algorithm);
        Assert.Equal("k1", rsaKey.KeyId);
        Assert.Equal("ES256", ecKey.Algorithm);
        Assert.Equal("override", ecKey.KeyId);
    }

    [Theory]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----", "public key")]
    [InlineData("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----", "encrypted")]
    [InlineData("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}", "public JWK")]
    [InlineData("{\"kty\":\"OKP\",\"d\":\"AQAB\"}", "RSA and EC")]
    [InlineData("not a key", "neither")]
    public void Bad_keys_say_what_is_wrong_without_echoing_the_key(string text, string hint)
    {
        var ex = Assert.Throws<InvalidPrivateKeyException>(() => PrivateKeyLoader.Load(text));
        Assert.Contains(hint, ex.Message);
        Assert.DoesNotContain("MIIB", ex.Message);
    }

    [Fact]
    public void Short_rsa_keys_are_refused()
    {
        using var rsa = RSA.Create(1024);
        var ex = Assert.Throws<InvalidPrivateKeyException>(() => PrivateKeyLoader.Load(rsa.ExportPkcs8PrivateKeyPem()));
        Assert.Contains("2048", ex.Message);
    }

    [Fact]
    public void A_certificate_with_a_short_rsa_key_is_refused_naming_the_size_and_not_only_okta()
    {
        // The same loader signs Entra's (Sentinel) assertions, so the message must not say only Okta.
        using var rsa = RSA.Create(1024);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=short key", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var ex = Assert.Throws<InvalidPrivateKeyException>(() => CertificateKeyLoader.Load(certificate, keyId: null));
        Assert.Contains("1024 bits", ex.Message);
        Assert.Contains("at least 2048", ex.Message);
        Assert.Contains("Microsoft Entra", ex.Message);
        Assert.Contains(certificate.Thumbprint, ex.Message);
    }

    [Fact]
    public void A_missing_file_names_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".pem");
        var ex = Assert.Throws<FileNotFoundException>(() => PrivateKeyLoader.LoadFile(path));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void DPoP_htu_uses_the_percent_decoded_path_without_query()
    {
        var uri = new Uri("https://acme.okta.com/api/v1/users/jane%40corp.com/lifecycle/suspend?sendEmail=false#x");
        Assert.Equal("https://acme.okta.com/api/v1/users/jane@corp.com/lifecycle/suspend", DPoPProofFactory.HtuOf(uri));
    }

    [Fact]
    public void Jwk_thumbprint_matches_rfc7638_example()
    {
        // RFC 7638 section 3.1 example key and thumbprint.
        var jwk = new System.Collections.Generic.Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["e"] = "AQAB",
            ["n"] = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
        };
        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", JwkThumbprint.Compute(jwk));
    }
}
