using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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

/// <summary>Export to the emulator's _bulk: create with _id = uuid, 409 as delivered, only 429 items retried, kills without duplicates.</summary>
public sealed class ElasticBulkExportTests : ExportTestFolder
{
    public ElasticBulkExportTests()
        : base("okta-es-")
    {
    }

    private const string Stream = "logs-okta.system-default";
    private static ElasticBulkDestination Elastic(TestOrg org, string index = Stream) => new(org.BaseUrl, index, apiKey: ElasticBulkReceiver.EncodedApiKey);

    private Task<SiemExportSummary> Export(OktaConnection c, ISiemDestination d, SiemSchema schema = SiemSchema.Ecs, CancellationToken ct = default) =>
        new SystemLogExporter(c, PollingFromStart(50), d, Fast(schema), Cursor).RunAsync(ct);

    [Fact]
    public async Task A_partial_bulk_failure_retries_only_the_429_items()
    {
        await using var org = await TestOrg.StartAsync();
        org.Emulator.Elastic.RejectItems(every: 4, items: 30);
        using var connection = await org.ConnectSswsAsync();
        using var es = Elastic(org);
        var summary = await Export(connection, es);
        Assert.True(summary.Succeeded, summary.Error);
        Assert.True(summary.BatchesRetried > 0);
        Assert.Equal(0, summary.Duplicates);
        Assert.Equal(org.Emulator.SystemLog.Count + 30, org.Emulator.Elastic.CreateAttempts); // only the rejected items went again
        AssertNoneLost(GroundTruth(org), org.Emulator.Elastic.Ids(Stream).ToList(), maxDuplicates: 0);
    }

    [Fact]
    public async Task A_request_over_the_size_limit_is_split_until_it_fits_every_event_is_indexed_once_and_later_pages_keep_the_cut()
    {
        // A page of 50 events is about 60 KB in ECS; the cluster (or an nginx in front of it) takes 16 KB.
        // The cut that fit is kept: behind a proxy with a 1 MB limit, a page of 1,000 events (about
        // 2 MB) split anew each time would upload 2 MB and then its halves to be refused, page after page.
        await using var org = await TestOrg.StartAsync();
        org.Emulator.Elastic.MaxContentLength = 16 * 1024;
        using var connection = await org.ConnectSswsAsync();
        using var es = Elastic(org);
        var refusedByPage = new List<int>();
        var progress = new SynchronousProgress(_ => refusedByPage.Add(org.Emulator.Elastic.TooLargeRequests));
        var summary = await new SystemLogExporter(connection, PollingFromStart(50), es, Fast(SiemSchema.Ecs), Cursor, progress).RunAsync();
        Assert.True(summary.Succeeded, summary.Error);
        Assert.Equal(0, summary.Duplicates);
        Assert.Equal(org.Emulator.SystemLog.Count, org.Emulator.Elastic.CreateAttempts); // each event sent in one request that fit
        AssertNoneLost(GroundTruth(org), org.Emulator.Elastic.Ids(Stream).ToList(), maxDuplicates: 0);
        Assert.True(refusedByPage.Count >= 4, $"{refusedByPage.Count} pages");
        Assert.True(refusedByPage[0] > 0, "the first page was not refused: the limit is too high for this test");
        Assert.Equal(refusedByPage[0], refusedByPage[^1]);
        Assert.True(es.MaxEventsPerRequest < 50, $"{es.MaxEventsPerRequest} events per request");
    }

    [Fact]
    public async Task One_event_over_the_size_limit_on_its_own_stops_the_run_before_its_batch()
    {
        await using var org = await TestOrg.StartAsync();
        org.Emulator.Elastic.MaxContentLength = 200;
        using var connection = await org.ConnectSswsAsync();
        using var es = Elastic(org);
        var summary = await Export(connection, es);
        Assert.False(summary.Succeeded);
        Assert.Contains("413", summary.Error);
        AssertNamesARefusedEvent(org, summary.Error!);
        Assert.False(File.Exists(Cursor));
    }

    [Fact]
    public async Task A_resend_is_a_409_that_counts_as_delivered_so_a_kill_leaves_no_duplicate()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var killer = new CancellationTokenSource();
        var faulty = new FaultyDestination(Elastic(org)) { DieAfterSend = 2, Killer = killer };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Export(connection, faulty, ct: killer.Token));
        using var es = Elastic(org);
        var resumed = await Export(connection, es);
        Assert.True(resumed.Succeeded, resumed.Error);
        Assert.Equal(50, resumed.Duplicates); // the page that was indexed but not committed
        Assert.Equal(50, org.Emulator.Elastic.Conflicts);
        var ids = org.Emulator.Elastic.Ids(Stream);
        AssertNoneLost(GroundTruth(org), ids.ToList(), maxDuplicates: 0);
        Assert.Equal(GroundTruth(org).Count, ids.Count);
    }

    [Fact]
    public async Task A_throttled_cluster_is_retried_and_basic_auth_works()
    {
        await using var org = await TestOrg.StartAsync();
        org.Emulator.Elastic.ThrottleFor(2);
        using var connection = await org.ConnectSswsAsync();
        using var es = new ElasticBulkDestination(org.BaseUrl, "okta", user: ElasticBulkReceiver.User, password: ElasticBulkReceiver.Password);
        var summary = await Export(connection, es, SiemSchema.Raw);
        Assert.True(summary.Succeeded, summary.Error);
        Assert.Equal(1, summary.BatchesRetried);
        AssertNoneLost(GroundTruth(org), org.Emulator.Elastic.Ids("okta").ToList(), maxDuplicates: 0);
    }

    [Fact]
    public async Task A_data_stream_refuses_documents_without_timestamp_and_the_run_stops_before_them()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var es = Elastic(org);
        var summary = await Export(connection, es, SiemSchema.Raw);
        Assert.False(summary.Succeeded);
        Assert.Contains("@timestamp", summary.Error);
        AssertNamesARefusedEvent(org, summary.Error!);
        Assert.False(File.Exists(Cursor));
    }

    /// <summary>The error names an event of the org (uuid and time) that the destination does not hold: one to look up.</summary>
    private static void AssertNamesARefusedEvent(TestOrg org, string error)
    {
        var named = System.Text.RegularExpressions.Regex.Match(error, "the first uuid (\\S+) published (\\S+) ");
        Assert.True(named.Success, error);
        var uuid = named.Groups[1].Value;
        var stored = org.Emulator.SystemLog.Snapshot().Single(e => e.Uuid == uuid);
        Assert.Equal(stored.PublishedMs, DateTimeOffset.Parse(named.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
        Assert.DoesNotContain(uuid, org.Emulator.Elastic.Ids(Stream));
    }
}
