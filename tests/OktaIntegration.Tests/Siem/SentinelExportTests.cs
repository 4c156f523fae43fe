using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Emulator.Siem;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using static OktaIntegration.Tests.Siem.FileExportTests;
using static OktaIntegration.Tests.SystemLog.SystemLogTestKit;

namespace OktaIntegration.Tests.Siem;

/// <summary>Export to the emulator's Logs Ingestion API: Entra token, calls under 1 MB, 429 storms with Retry-After, no dedupe.</summary>
public sealed class SentinelExportTests : ExportTestFolder
{
    public SentinelExportTests()
        : base("okta-sentinel-")
    {
    }

    private static SentinelIngestionDestination Sentinel(TestOrg org, string secret = SentinelIngestionReceiver.ClientSecret) =>
        new(org.BaseUrl, SentinelIngestionReceiver.DcrImmutableId, SentinelIngestionReceiver.Stream, SentinelIngestionReceiver.TenantId, SentinelIngestionReceiver.ClientId, secret, authority: org.BaseUrl);

    private static string[] Uuids(TestOrg org) => org.Emulator.Sentinel.Rows.Select(r =>
    {
        using var doc = JsonDocument.Parse(r);
        return doc.RootElement.GetProperty("EventOriginalUid").GetString()!;
    }).ToArray();

    private Task<SiemExportSummary> Export(OktaConnection c, ISiemDestination d, int pageSize = 50, CancellationToken ct = default) =>
        new SystemLogExporter(c, PollingFromStart(pageSize), d, Fast(SiemSchema.Asim, attempts: 8), Cursor).RunAsync(ct);

    [Fact]
    public async Task Every_event_arrives_in_calls_of_at_most_1_MB_with_one_token()
    {
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 1500);
        using var connection = await org.ConnectSswsAsync();
        using var sentinel = Sentinel(org);
        var summary = await Export(connection, sentinel, pageSize: 1000);
        Assert.True(summary.Succeeded, summary.Error);
        Assert.Equal(0, org.Emulator.Sentinel.TooLarge);
        Assert.Equal(1, org.Emulator.Sentinel.TokensIssued);
        AssertNoneLost(GroundTruth(org), Uuids(org), maxDuplicates: 0);
    }

    [Fact]
    public async Task A_429_storm_is_waited_out_with_Retry_After()
    {
        await using var org = await TestOrg.StartAsync();
        org.Emulator.Sentinel.ThrottleFor(5);
        using var connection = await org.ConnectSswsAsync();
        using var sentinel = Sentinel(org);
        var summary = await Export(connection, sentinel);
        Assert.True(summary.Succeeded, summary.Error);
        Assert.Equal(5, org.Emulator.Sentinel.Throttled);
        AssertNoneLost(GroundTruth(org), Uuids(org), maxDuplicates: 0);
    }

    [Fact]
    public async Task A_lost_response_is_sent_again_and_Sentinel_keeps_both_copies()
    {
        await using var org = await TestOrg.StartAsync();
        org.Emulator.Sentinel.LoseResponsesFor(1);
        using var connection = await org.ConnectSswsAsync();
        using var sentinel = Sentinel(org);
        var summary = await Export(connection, sentinel);
        Assert.True(summary.Succeeded, summary.Error);
        var uuids = Uuids(org);
        AssertNoneLost(GroundTruth(org), uuids, maxDuplicates: 50);
        Assert.Equal(50, uuids.Length - uuids.Distinct().Count()); // no server-side dedupe
    }

    [Fact]
    public async Task A_token_that_expired_since_the_last_call_is_replaced_after_the_401_and_nothing_is_lost()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var sentinel = Sentinel(org);
        // A first call takes a token and keeps it; then Entra's hour passes (the emulator drops it).
        var probe = new SiemRecord("probe", DateTimeOffset.UtcNow, "x", "{\"EventOriginalUid\":\"probe\"}"u8.ToArray());
        var first = await sentinel.SendAsync(new SiemBatch(new[] { probe }, SiemSchema.Asim), CancellationToken.None);
        Assert.Equal(SiemItemStatus.Acknowledged, Assert.Single(first.Statuses));
        org.Emulator.Sentinel.ExpireTokens();
        var summary = await Export(connection, sentinel);
        Assert.True(summary.Succeeded, summary.Error);
        Assert.Equal(2, org.Emulator.Sentinel.TokensIssued);
        AssertNoneLost(GroundTruth(org), Uuids(org).Where(u => u != "probe").ToArray(), maxDuplicates: 0);
    }

    [Fact]
    public async Task Wrong_client_credentials_stop_the_run_without_showing_the_secret()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var sentinel = Sentinel(org, "wrong-secret-value");
        var summary = await Export(connection, sentinel);
        Assert.False(summary.Succeeded);
        Assert.Contains("invalid_client", summary.Error);
        Assert.DoesNotContain("wrong-secret-value", summary.Error);
        Assert.False(File.Exists(Cursor));
    }
}
