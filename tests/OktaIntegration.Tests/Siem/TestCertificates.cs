using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OktaIntegration.Tests.Siem;

/// <summary>A private CA and a server certificate it signed, made at test time (never committed), as PEM files in a folder.</summary>
internal sealed class TestCertificates
{
    private TestCertificates(string caPath, string serverCertificatePath, string serverKeyPath)
    {
        CaPath = caPath;
        ServerCertificatePath = serverCertificatePath;
        ServerKeyPath = serverKeyPath;
    }

    public string CaPath { get; }

    public string ServerCertificatePath { get; }

    public string ServerKeyPath { get; }

    /// <summary>A CA named <paramref name="caName"/> and a server certificate for the DNS name <paramref name="serverName"/> only.</summary>
    public static TestCertificates Create(string folder, string caName = "Okta Test Syslog CA", string serverName = "localhost")
    {
        Directory.CreateDirectory(folder);
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=" + caName, caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(2));

        using var serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + serverName, serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(serverName);
        request.CertificateExtensions.Add(names.Build());
        using var server = request.Create(ca, now.AddDays(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(16));

        var caPath = Path.Combine(folder, "ca.pem");
        var certPath = Path.Combine(folder, "server.pem");
        var keyPath = Path.Combine(folder, "server.key");
        File.WriteAllText(caPath, ca.ExportCertificatePem() + "\n");
        File.WriteAllText(certPath, server.ExportCertificatePem() + "\n");
        File.WriteAllText(keyPath, serverKey.ExportPkcs8PrivateKeyPem() + "\n");
        return new TestCertificates(caPath, certPath, keyPath);
    }
}
