using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Core.Siem.Entra;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Emulator.Siem;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using static OktaIntegration.Tests.Siem.FileExportTests;
using static OktaIntegration.Tests.SystemLog.SystemLogTestKit;

namespace OktaIntegration.Tests.Siem;

/// <summary>
/// Sentinel with an Entra certificate credential: the client assertion the destination signs,
/// and the emulated Entra token endpoint refusing what Entra refuses (unregistered certificate,
/// wrong signature, expired, wrong audience, a replayed jti).
/// </summary>
public sealed class SentinelCertificateTests : ExportTestFolder
{
    public SentinelCertificateTests()
        : base("okta-sentinel-cert-")
    {
    }

    internal static X509Certificate2 NewCertificate(string name = "okta-sentinel-test")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static Uri TokenUri(TestOrg org) => new(org.BaseUrl, SentinelIngestionReceiver.TenantId + "/oauth2/v2.0/token");

    /// <summary>An emulator whose Entra app has a new certificate registered, and a credential signing with it.</summary>
    private static async Task<(TestOrg Org, EntraCertificateCredential Credential)> RegisteredAsync(Func<DateTimeOffset>? now = null)
    {
        var org = await TestOrg.StartAsync();
        var certificate = NewCertificate();
        org.Emulator.Sentinel.RegisterCertificate(certificate);
        return (org, new EntraCertificateCredential(SentinelIngestionReceiver.ClientId, certificate, now));
    }

    private static async Task<(int Status, string Body)> PostAssertion(TestOrg org, string assertion)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(TokenUri(org), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = SentinelIngestionReceiver.ClientId,
            ["client_assertion_type"] = EntraCertificateCredential.AssertionType,
            ["client_assertion"] = assertion,
            ["scope"] = "https://monitor.azure.com//.default",
        }));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_registered_certificate_gets_a_token_and_every_event_arrives()
    {
        await using var org = await TestOrg.StartAsync();
        using var certificate = NewCertificate();
        org.Emulator.Sentinel.RegisterCertificate(certificate);
        using var connection = await org.ConnectSswsAsync();
        using var sentinel = new SentinelIngestionDestination(org.BaseUrl, SentinelIngestionReceiver.DcrImmutableId, SentinelIngestionReceiver.Stream,
            SentinelIngestionReceiver.TenantId, new EntraCertificateCredential(SentinelIngestionReceiver.ClientId, certificate), authority: org.BaseUrl);
        Assert.Equal($"certificate {certificate.Thumbprint}", sentinel.CredentialKind);
        var summary = await new SystemLogExporter(connection, PollingFromStart(50), sentinel, Fast(SiemSchema.Asim), Cursor).RunAsync(default);
        Assert.True(summary.Succeeded, summary.Error);
        Assert.Equal(1, org.Emulator.Sentinel.TokensIssued);
        Assert.Equal(GroundTruth(org).Count(), org.Emulator.Sentinel.Rows.Count);
    }

    [Fact]
    public void The_assertion_names_the_certificate_by_x5t_S256_and_is_addressed_to_the_token_endpoint()
    {
        using var certificate = NewCertificate();
        using var credential = new EntraCertificateCredential("client-1", certificate);
        var endpoint = new Uri("https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token");
        var jwt = new JsonWebToken(credential.CreateAssertion(endpoint));
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(Base64UrlEncoder.Encode(SHA256.HashData(certificate.RawData)), jwt.GetHeaderValue<string>("x5t#S256"));
        Assert.Equal(endpoint.ToString(), jwt.GetPayloadValue<string>("aud"));
        Assert.Equal("client-1", jwt.Issuer);
        Assert.Equal("client-1", jwt.Subject);
        Assert.True(jwt.ValidTo > DateTime.UtcNow && jwt.ValidFrom <= DateTime.UtcNow.AddSeconds(1));
        Assert.NotEqual(jwt.Id, new JsonWebToken(credential.CreateAssertion(endpoint)).Id);
        Assert.DoesNotContain("PRIVATE", credential.ToString());
    }

    [Fact]
    public async Task An_unregistered_certificate_stops_the_run_with_AADSTS700027_and_no_cursor()
    {
        await using var org = await TestOrg.StartAsync();
        using var registered = NewCertificate("registered");
        using var other = NewCertificate("other");
        org.Emulator.Sentinel.RegisterCertificate(registered);
        using var connection = await org.ConnectSswsAsync();
        using var sentinel = new SentinelIngestionDestination(org.BaseUrl, SentinelIngestionReceiver.DcrImmutableId, SentinelIngestionReceiver.Stream,
            SentinelIngestionReceiver.TenantId, new EntraCertificateCredential(SentinelIngestionReceiver.ClientId, other), authority: org.BaseUrl);
        var cursor = Cursor;
        var summary = await new SystemLogExporter(connection, PollingFromStart(50), sentinel, Fast(SiemSchema.Asim), cursor).RunAsync(default);
        Assert.False(summary.Succeeded);
        Assert.Contains("AADSTS700027", summary.Error);
        // Refused for good at the first send: a wrong credential is not retried with backoff.
        Assert.Equal(0, summary.BatchesRetried);
        Assert.Equal(0, summary.SendFailures);
        Assert.False(File.Exists(cursor));
    }

    [Fact]
    public async Task A_signature_by_another_key_is_refused()
    {
        await using var org = await TestOrg.StartAsync();
        using var registered = NewCertificate("registered");
        using var other = NewCertificate("other");
        org.Emulator.Sentinel.RegisterCertificate(registered);
        using var good = new EntraCertificateCredential(SentinelIngestionReceiver.ClientId, registered);
        using var bad = new EntraCertificateCredential(SentinelIngestionReceiver.ClientId, other);
        var genuine = good.CreateAssertion(TokenUri(org)).Split('.');
        var forged = bad.CreateAssertion(TokenUri(org)).Split('.');
        // The registered certificate's header and claims, with the other key's signature.
        var (status, body) = await PostAssertion(org, $"{genuine[0]}.{genuine[1]}.{forged[2]}");
        Assert.Equal(401, status);
        Assert.Contains("invalid signature", body);
        Assert.Equal(0, org.Emulator.Sentinel.TokensIssued);
    }

    [Fact]
    public async Task An_expired_assertion_is_refused_with_AADSTS700024()
    {
        var (org, credential) = await RegisteredAsync(now: () => DateTimeOffset.UtcNow.AddHours(-1));
        await using var emulator = org;
        using var signer = credential;
        var (status, body) = await PostAssertion(org, credential.CreateAssertion(TokenUri(org)));
        Assert.Equal(401, status);
        Assert.Contains("AADSTS700024", body);
    }

    [Fact]
    public async Task An_assertion_for_another_audience_is_refused()
    {
        var (org, credential) = await RegisteredAsync();
        await using var emulator = org;
        using var signer = credential;
        var (status, body) = await PostAssertion(org, credential.CreateAssertion(new Uri("https://login.microsoftonline.com/other-tenant/oauth2/v2.0/token")));
        Assert.Equal(401, status);
        Assert.Contains("audience", body);
    }

    [Fact]
    public async Task A_replayed_assertion_is_refused_the_second_time()
    {
        var (org, credential) = await RegisteredAsync();
        await using var emulator = org;
        using var signer = credential;
        var assertion = credential.CreateAssertion(TokenUri(org));
        var first = await PostAssertion(org, assertion);
        var second = await PostAssertion(org, assertion);
        Assert.Equal(200, first.Status);
        Assert.Equal(401, second.Status);
        Assert.Contains("used before", second.Body);
        using var doc = JsonDocument.Parse(first.Body);
        Assert.True(doc.RootElement.TryGetProperty("access_token", out _));
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_refused_up_front()
    {
        using var certificate = NewCertificate();
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        var error = Assert.Throws<ArgumentException>(() => new EntraCertificateCredential("client-1", publicOnly));
        Assert.Contains("no private key", error.Message);
    }
}
