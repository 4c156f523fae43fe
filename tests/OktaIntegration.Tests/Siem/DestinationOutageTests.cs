using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Emulator.Faults;
using OktaIntegration.Emulator.Siem;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using static OktaIntegration.Tests.Siem.FileExportTests;
using static OktaIntegration.Tests.SystemLog.SystemLogTestKit;

namespace OktaIntegration.Tests.Siem;

/// <summary>
/// Network destinations that are down, over loopback: nothing listening at start (connection
/// refused), a load balancer's 503 at start, and a destination that goes down mid-run and stays
/// down. Each ends with every event delivered exactly once (after a second run where the first
/// had to stop), against the emulated receiver's ground truth.
/// </summary>
public sealed class DestinationOutageTests : ExportTestFolder
{
    public DestinationOutageTests()
        : base("okta-outage-")
    {
    }

    private const int PageSize = 50;
    public enum Kind
    {
        SplunkHec,
        ElasticBulk,
        Sentinel,
    }

    /// <summary>The destination at <paramref name="at"/> (the emulator, or a port where nothing listens).</summary>
    private static ISiemDestination Destination(Kind kind, Uri at) => kind switch
    {
        Kind.SplunkHec => new SplunkHecDestination(at, SplunkHecReceiver.AckToken) { AckPollInterval = TimeSpan.FromMilliseconds(5), AckTimeout = TimeSpan.FromSeconds(2) },
        Kind.ElasticBulk => new ElasticBulkDestination(at, "okta", apiKey: ElasticBulkReceiver.EncodedApiKey),
        _ => new SentinelIngestionDestination(at, SentinelIngestionReceiver.DcrImmutableId, SentinelIngestionReceiver.Stream, SentinelIngestionReceiver.TenantId, SentinelIngestionReceiver.ClientId, SentinelIngestionReceiver.ClientSecret, authority: at),
    };

    private static string SendPath(Kind kind) => kind switch
    {
        Kind.SplunkHec => "/services/collector/event",
        Kind.ElasticBulk => "/_bulk",
        _ => "/dataCollectionRules/",
    };

    private static SiemSchema Schema(Kind kind) => kind == Kind.Sentinel ? SiemSchema.Asim : SiemSchema.Ecs;

    /// <summary>What the receiver stored, repeats included.</summary>
    private static List<string> Delivered(TestOrg org, Kind kind) => kind switch
    {
        Kind.SplunkHec => org.Emulator.SplunkHec.Indexed.Select(e => e.Uuid!).ToList(),
        Kind.ElasticBulk => org.Emulator.Elastic.Ids("okta").ToList(),
        _ => org.Emulator.Sentinel.Rows.Select(r =>
        {
            using var doc = JsonDocument.Parse(r);
            return doc.RootElement.GetProperty("EventOriginalUid").GetString()!;
        }).ToList(),
    };

    private async Task<SiemExportSummary> Export(OktaConnection c, Kind kind, Uri at, int attempts = 3)
    {
        using var destination = Destination(kind, at);
        return await new SystemLogExporter(c, PollingFromStart(PageSize), destination, Fast(Schema(kind), attempts), Cursor).RunAsync();
    }

    /// <summary>A loopback port nobody listens on: connecting to it is refused.</summary>
    private static Uri ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    [Theory]
    [InlineData(Kind.SplunkHec)]
    [InlineData(Kind.ElasticBulk)]
    [InlineData(Kind.Sentinel)]
    public async Task Nothing_listening_at_start_stops_the_run_without_a_cursor_and_the_next_run_delivers_everything(Kind kind)
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var down = await Export(connection, kind, ClosedPort());
        Assert.False(down.Succeeded);
        Assert.Equal(0, down.Acknowledged);
        Assert.Equal(3, down.SendFailures);
        Assert.False(File.Exists(Cursor));

        var up = await Export(connection, kind, org.BaseUrl);
        Assert.True(up.Succeeded, up.Error);
        var delivered = Delivered(org, kind);
        AssertNoneLost(GroundTruth(org), delivered, maxDuplicates: 0);
        Assert.Equal(GroundTruth(org).Count, delivered.Count);
    }

    [Theory]
    [InlineData(Kind.SplunkHec)]
    [InlineData(Kind.ElasticBulk)]
    [InlineData(Kind.Sentinel)]
    public async Task A_load_balancer_503_at_start_is_retried_and_everything_arrives_once(Kind kind)
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var outage = org.Emulator.Faults.Add(FaultKind.ServiceUnavailable, SendPath(kind), count: 2);
        var summary = await Export(connection, kind, org.BaseUrl);
        Assert.True(summary.Succeeded, summary.Error);
        Assert.Equal(2, outage.Fired);
        Assert.Equal(1, summary.BatchesRetried); // the first batch, twice
        AssertNoneLost(GroundTruth(org), Delivered(org, kind), maxDuplicates: 0);
    }

    [Theory]
    [InlineData(Kind.SplunkHec)]
    [InlineData(Kind.ElasticBulk)]
    [InlineData(Kind.Sentinel)]
    public async Task Down_mid_run_stops_with_the_cursor_after_the_last_acknowledged_page_and_the_next_run_resumes_there(Kind kind)
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        // Two pages go through, then every attempt at the third answers 503 until the run gives up.
        var outage = org.Emulator.Faults.Add(FaultKind.ServiceUnavailable, SendPath(kind), count: 3, skip: 2);
        var stopped = await Export(connection, kind, org.BaseUrl);
        Assert.False(stopped.Succeeded);
        Assert.IsType<SiemDeliveryException>(stopped.GetException());
        Assert.Equal(2 * PageSize, stopped.Acknowledged);
        Assert.Equal(3, outage.Fired);
        Assert.True(File.Exists(Cursor));

        var resumed = await Export(connection, kind, org.BaseUrl);
        Assert.True(resumed.Succeeded, resumed.Error);
        Assert.Equal(GroundTruth(org).Count - 2 * PageSize, resumed.Acknowledged);
        var delivered = Delivered(org, kind);
        AssertNoneLost(GroundTruth(org), delivered, maxDuplicates: 0);
        Assert.Equal(GroundTruth(org).Count, delivered.Count);
    }
}
