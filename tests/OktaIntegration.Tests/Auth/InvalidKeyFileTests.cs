using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Security.Cryptography;
using OktaIntegration.Core.Auth;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Auth;

/// <summary>Every unusable key file is OktaInvalidPrivateKey naming the file, chosen by exception type; RSA JWKs with only n, e, d load.</summary>
public class InvalidKeyFileTests
{
    public static IEnumerable<object[]> BadKeys()
    {
        yield return new object[] { "malformed JWK", "{\"kty\":\"RSA\",\"n\":" };
        using (var dsa = DSA.Create(2048)) yield return new object[] { "DSA PKCS#8", dsa.ExportPkcs8PrivateKeyPem() };
        yield return new object[] { "DSA traditional", "-----BEGIN DSA PRIVATE KEY-----\nMIIBuwIBAAKBgQ==\n-----END DSA PRIVATE KEY-----" };
        using (var k1 = ECDsa.Create(ECCurve.CreateFromFriendlyName("secP256k1"))) yield return new object[] { "secp256k1", k1.ExportECPrivateKeyPem() };
        yield return new object[] { "kty oct", "{\"kty\":\"oct\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQ\"}" };
        yield return new object[] { "no kty", "{\"n\":\"AQAB\",\"e\":\"AQAB\",\"d\":\"AQAB\"}" };
        yield return new object[] { "empty file", "" };
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void Connect_reports_an_unusable_key_file_as_OktaInvalidPrivateKey_naming_the_file(string kind, string content)
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".key");
        File.WriteAllText(path, content);
        try
        {
            using var ps = new PowerShellSession();
            var result = ps.Invoke("Connect-OktaTenant -OrgUrl https://acme.okta.com -ClientId 0oa1 -PrivateKeyPath $path -Scope okta.users.read",
                new Dictionary<string, object?> { ["path"] = path });
            var error = Assert.Single(result.AllErrors);
            Assert.True(error.FullyQualifiedErrorId.StartsWith("OktaInvalidPrivateKey,", StringComparison.Ordinal), kind + ": " + error.FullyQualifiedErrorId + " " + error.Exception.Message);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains(path, error.Exception.Message);
            Assert.Equal(path, error.TargetObject);
            Assert.DoesNotContain("LineNumber", error.Exception.Message); // no raw JSON parser text
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_key_path_that_is_a_directory_says_so()
    {
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString())).FullName;
        try
        {
            var ex = Assert.Throws<InvalidPrivateKeyException>(() => PrivateKeyLoader.LoadFile(dir));
            Assert.Contains("is a directory", ex.Message);
            Assert.Contains(dir, ex.Message);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public void An_rsa_jwk_with_only_n_e_and_d_loads_and_signs_like_the_full_key()
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(true);
        string B(byte[] b) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(b);
        var jwk = System.Text.Json.JsonSerializer.Serialize(new { kty = "RSA", kid = "k", n = B(p.Modulus!), e = B(p.Exponent!), d = B(p.D!) });
        using var key = PrivateKeyLoader.Load(jwk);
        var data = new byte[] { 1, 2, 3 };
        var signature = ((Microsoft.IdentityModel.Tokens.RsaSecurityKey)key.Key).Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal("RS256", key.Algorithm);
    }
}
