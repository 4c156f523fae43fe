using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Cmdlets;

/// <summary>private_key_jwt with the key of a certificate: given as an object, or found by thumbprint in CurrentUser\My.</summary>
public class CertificateConnectTests
{
    private const string Kid = "cert-key";

    private static X509Certificate2 NewCertificate(out string publicJwk)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=OktaIntegration test " + Guid.NewGuid().ToString("N"), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var p = rsa.ExportParameters(false);
        string B(byte[] b) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(b);
        publicJwk = System.Text.Json.JsonSerializer.Serialize(new { kty = "RSA", kid = Kid, n = B(p.Modulus!), e = B(p.Exponent!) });
        // Through PFX so the key is persistable (the store keeps it) on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.UserKeySet);
    }

    [Fact]
    public async Task Connects_with_a_certificate_object()
    {
        using var certificate = NewCertificate(out var jwk);
        await using var org = await TestOrg.StartAsync(o => o.Apps[0].PublicJwks.Add(jwk));
        using var ps = new PowerShellSession();
        var result = ps.Invoke("Connect-OktaTenant -OrgUrl $url -ClientId $client -Certificate $cert -KeyId $kid -Scope okta.groups.read -PassThru",
            new Dictionary<string, object?> { ["url"] = org.BaseUrl.ToString(), ["client"] = TestOrg.ClientId, ["cert"] = certificate, ["kid"] = Kid });
        Assert.Empty(result.AllErrors);
        var connection = Assert.IsType<OktaConnection>(Assert.Single(result.Output).BaseObject);
        Assert.Equal(Core.Auth.AuthenticationType.PrivateKeyJwt, connection.AuthenticationType);
    }

    [Fact]
    public async Task Connects_with_a_thumbprint_from_CurrentUser_My()
    {
        using var certificate = NewCertificate(out var jwk);
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(certificate);
        try
        {
            await using var org = await TestOrg.StartAsync(o => o.Apps[0].PublicJwks.Add(jwk));
            using var ps = new PowerShellSession();
            var result = ps.Invoke("Connect-OktaTenant -OrgUrl $url -ClientId $client -CertificateThumbprint $thumb -KeyId $kid -Scope okta.groups.read -PassThru",
                new Dictionary<string, object?> { ["url"] = org.BaseUrl.ToString(), ["client"] = TestOrg.ClientId, ["thumb"] = certificate.Thumbprint.ToLowerInvariant(), ["kid"] = Kid });
            Assert.Empty(result.AllErrors);
            Assert.IsType<OktaConnection>(Assert.Single(result.Output).BaseObject);
        }
        finally
        {
            store.Remove(certificate);
        }
    }

    [Fact]
    public void An_unknown_thumbprint_names_the_stores_searched()
    {
        using var ps = new PowerShellSession();
        var result = ps.Invoke("Connect-OktaTenant -OrgUrl https://acme.okta.com -ClientId 0oa1 -CertificateThumbprint 00112233445566778899AABBCCDDEEFF00112233 -Scope okta.groups.read");
        var error = Assert.Single(result.AllErrors);
        Assert.StartsWith("OktaInvalidPrivateKey,", error.FullyQualifiedErrorId);
        Assert.Contains(@"CurrentUser\My", error.Exception.Message);
        Assert.Contains(@"LocalMachine\My", error.Exception.Message);
    }
}
