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
using OktaIntegration.Emulator.Faults;
using OktaIntegration.Emulator.Siem;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using static OktaIntegration.Tests.Siem.FileExportTests;
using static OktaIntegration.Tests.SystemLog.SystemLogTestKit;

namespace OktaIntegration.Tests.Siem;

/// <summary>Export to the emulator's Splunk HEC: indexer acks (late, never, disabled), busy servers, lost responses, kills.</summary>
public sealed class SplunkHecExportTests : ExportTestFolder
{
    public SplunkHecExportTests()
        : base("okta-hec-")
    {
    }

    private static SplunkHecDestination Hec(TestOrg org, string token = SplunkHecReceiver.AckToken, bool ack = true) =>
        new(org.BaseUrl, token, ack) { AckPollInterval = TimeSpan.FromMilliseconds(5), AckTimeout = TimeSpan.FromSeconds(2) };

    private static List<string> Indexed(TestOrg org) => org.Emulator.SplunkHec.Indexed.Select(e => e.Uuid!).ToList();

    private Task<SiemExportSummary> Export(OktaConnection c, ISiemDestination d, CancellationToken ct = default, SiemSchema schema = SiemSchema.Raw) =>
        new SystemLogExporter(c, PollingFromStart(50), d, Fast(schema), Cursor).RunAsync(ct);

    [Fact]
    public async Task Late_acks_are_polled_until_true_before_the_cursor_moves()
    {
        await using var org = await TestOrg.StartAsync();
        org.Emulator.SplunkHec.AckPendingPolls = 3;
        using var connection = await org.ConnectSswsAsync();
        using var hec = Hec(org);
        var summary = await Export(connection, hec, schema: SiemSchema.Ecs);
        Assert.True(summary.Succeeded, summary.Error);
        Assert.Equal(org.Emulator.SystemLog.Count, summary.Acknowledged);
        Assert.True(org.Emulator.SplunkHec.AckPolls >= 3 * (summary.Pages - 1), $"{org.Emulator.SplunkHec.AckPolls} ack polls");
        Assert.Equal(0, summary.BatchesRetried);
        AssertNoneLost(GroundTruth(org), Indexed(org), maxDuplicates: 0);
        Assert.All(org.Emulator.SplunkHec.Indexed, e => Assert.Equal("okta:im2", e.Sourcetype));
        Assert.False(hec.AckUnavailable);
    }

    [Fact]
    public async Task A_token_without_ack_delivers_on_200_and_says_so()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var hec = Hec(org, SplunkHecReceiver.NoAckToken);
        var summary = await Export(connection, hec);
        Assert.True(summary.Succeeded, summary.Error);
        Assert.True(hec.AckUnavailable);
        Assert.Equal(0, org.Emulator.SplunkHec.AckPolls);
        AssertNoneLost(GroundTruth(org), Indexed(org), maxDuplicates: 0);
    }

    [Fact]
    public async Task An_ack_that_never_turns_true_is_sent_again()
    {
        await using var org = await TestOrg.StartAsync();
        org.Emulator.SplunkHec.DropFor(1);
        using var connection = await org.ConnectSswsAsync();
        using var hec = Hec(org);
        hec.AckTimeout = TimeSpan.FromMilliseconds(100);
        var summary = await Export(connection, hec);
        Assert.True(summary.Succeeded, summary.Error);
        Assert.Equal(1, summary.BatchesRetried);
        AssertNoneLost(GroundTruth(org), Indexed(org), maxDuplicates: 0);
    }

    [Fact]
    public async Task An_ack_id_issued_again_after_HEC_lost_its_channels_does_not_confirm_the_events_lost_with_them()
    {
        // The first POST is accepted with ackId 0, then HEC restarts before indexing it (its events
        // are gone, its ack with them); the next POST on the same channel is given ackId 0 again.
        // That true ack is the second POST's, not the first's.
        await using var org = await TestOrg.StartAsync();
        org.Emulator.SplunkHec.DropFor(1);
        using var restart = new RestartAfterFirstEventPost(org.Emulator.SplunkHec);
        using var connection = await org.ConnectSswsAsync();
        using var hec = new SplunkHecDestination(org.BaseUrl, SplunkHecReceiver.AckToken, handler: restart)
        {
            AckPollInterval = TimeSpan.FromMilliseconds(5),
            AckTimeout = TimeSpan.FromSeconds(2),
            MaxRequestBytes = 1, // one event a POST: several POSTs, so several ack ids, per page
        };
        var summary = await Export(connection, hec);
        Assert.True(summary.Succeeded, summary.Error);
        AssertNoneLost(GroundTruth(org), Indexed(org), maxDuplicates: 0);
    }

    [Fact]
    public async Task Sends_at_once_through_one_destination_do_not_confirm_each_other_with_ack_ids_issued_again_after_a_restart()
    {
        // A multi-org run shares one destination. Send A's POST is accepted with ackId 3 and lost in
        // a restart before indexing; while A waits, send B (another org) POSTs four events on the
        // same destination and, were it on A's channel, would be given ackIds 0 to 3 again.
        await using var org = await TestOrg.StartAsync();
        var receiver = org.Emulator.SplunkHec;
        SplunkHecDestination? hec = null;
        Task<SiemSendResult>? sendB = null;
        using var interleave = new InterleaveAfterEventPost(new System.Net.Http.HttpClientHandler(), 4, () =>
        {
            receiver.Restart();
            sendB = hec!.SendAsync(Batch("b", 4), CancellationToken.None);
        });
        hec = new SplunkHecDestination(org.BaseUrl, SplunkHecReceiver.AckToken, handler: interleave)
        {
            AckPollInterval = TimeSpan.FromMilliseconds(5),
            AckTimeout = TimeSpan.FromMilliseconds(500),
            MaxRequestBytes = 1,
        };
        using (hec)
        {
            var primed = await hec.SendAsync(Batch("p", 3), CancellationToken.None); // ackIds 0-2 of the channel
            Assert.All(primed.Statuses, s => Assert.Equal(SiemItemStatus.Acknowledged, s));
            receiver.DropFor(1);
            var a = await hec.SendAsync(Batch("a", 1), CancellationToken.None);
            var b = await sendB!;
            Assert.All(b.Statuses, s => Assert.Equal(SiemItemStatus.Acknowledged, s));
            Assert.DoesNotContain("a0", Indexed(org));
            Assert.Equal(SiemItemStatus.Retry, Assert.Single(a.Statuses)); // never indexed: not acknowledged
        }
    }

    private static SiemBatch Batch(string prefix, int count) => new(Enumerable.Range(0, count).Select(i =>
        new SiemRecord(prefix + i, DateTimeOffset.UtcNow, "x", System.Text.Encoding.UTF8.GetBytes("{\"uuid\":\"" + prefix + i + "\"}"))).ToArray(), SiemSchema.Raw);

    /// <summary>Runs an action right after the answer to the n-th event POST (1-based), before the sender sees it.</summary>
    private sealed class InterleaveAfterEventPost : System.Net.Http.DelegatingHandler
    {
        private readonly int _after;
        private readonly Action _action;
        private int _posts;

        public InterleaveAfterEventPost(System.Net.Http.HttpMessageHandler inner, int after, Action action)
            : base(inner)
        {
            _after = after;
            _action = action;
        }

        protected override async Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.EndsWith("/collector/event", StringComparison.Ordinal) && Interlocked.Increment(ref _posts) == _after) _action();
            return response;
        }
    }

    /// <summary>Restarts the emulated HEC right after the answer to the first event POST.</summary>
    private sealed class RestartAfterFirstEventPost : System.Net.Http.DelegatingHandler
    {
        private readonly SplunkHecReceiver _hec;
        private int _posts;

        public RestartAfterFirstEventPost(SplunkHecReceiver hec)
            : base(new System.Net.Http.HttpClientHandler())
        {
            _hec = hec;
        }

        protected override async Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.EndsWith("/collector/event", StringComparison.Ordinal) && Interlocked.Increment(ref _posts) == 1) _hec.Restart();
            return response;
        }
    }

    [Fact]
    public async Task A_body_over_the_collectors_size_limit_is_cut_smaller_and_every_event_is_indexed_once()
    {
        // Older Splunk took at most 1,000,000 bytes a request; here 20,000, under one page of 50.
        await using var org = await TestOrg.StartAsync();
        org.Emulator.SplunkHec.MaxContentLength = 20_000;
        using var connection = await org.ConnectSswsAsync();
        using var hec = Hec(org);
        var summary = await Export(connection, hec);
        Assert.True(summary.Succeeded, summary.Error);
        Assert.True(hec.MaxRequestBytes <= 20_000, $"{hec.MaxRequestBytes} bytes");
        AssertNoneLost(GroundTruth(org), Indexed(org), maxDuplicates: 0);
    }

    [Fact]
    public async Task One_event_over_the_collectors_size_limit_on_its_own_stops_the_run_before_its_batch()
    {
        await using var org = await TestOrg.StartAsync();
        org.Emulator.SplunkHec.MaxContentLength = 100;
        using var connection = await org.ConnectSswsAsync();
        using var hec = Hec(org);
        var summary = await Export(connection, hec);
        Assert.False(summary.Succeeded);
        Assert.Contains("413", summary.Error);
        Assert.Empty(Indexed(org));
        Assert.False(File.Exists(Cursor));
    }

    [Fact]
    public async Task A_busy_collector_is_retried()
    {
        await using var org = await TestOrg.StartAsync();
        org.Emulator.SplunkHec.BusyFor(3);
        using var connection = await org.ConnectSswsAsync();
        using var hec = Hec(org);
        var summary = await Export(connection, hec);
        Assert.True(summary.Succeeded, summary.Error);
        Assert.Equal(1, summary.BatchesRetried);
        AssertNoneLost(GroundTruth(org), Indexed(org), maxDuplicates: 0);
    }

    [Fact]
    public async Task A_response_lost_to_a_reset_is_sent_again_and_hec_keeps_the_repeat()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        org.Emulator.Faults.Add(FaultKind.ResetMidBody, "/services/collector/event", 1);
        using var hec = Hec(org, SplunkHecReceiver.NoAckToken, ack: false);
        var summary = await Export(connection, hec);
        Assert.True(summary.Succeeded, summary.Error);
        Assert.Equal(1, summary.SendFailures);
        var indexed = Indexed(org);
        AssertNoneLost(GroundTruth(org), indexed, maxDuplicates: 50);
        Assert.Equal(50, indexed.Count - indexed.Distinct().Count()); // HEC cannot dedupe; okta_uuid lets searches do it
    }

    [Fact]
    public async Task A_wrong_token_stops_the_run_before_the_first_batch()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var hec = Hec(org, "not-a-token");
        var summary = await Export(connection, hec);
        Assert.False(summary.Succeeded);
        Assert.Contains("403", summary.Error);
        Assert.DoesNotContain("not-a-token", summary.Error);
        Assert.Equal(0, summary.Acknowledged);
        Assert.False(File.Exists(Cursor));
    }

    [Fact]
    public async Task Killed_mid_send_and_resumed_loses_nothing()
    {
        await using var org = await TestOrg.StartAsync();
        org.Emulator.SplunkHec.AckPendingPolls = 2;
        using var connection = await org.ConnectSswsAsync();
        using var killer = new CancellationTokenSource();
        var faulty = new FaultyDestination(Hec(org)) { DieAfterSend = 3, Killer = killer };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Export(connection, faulty, killer.Token));
        using var hec = Hec(org);
        var resumed = await Export(connection, hec);
        Assert.True(resumed.Succeeded, resumed.Error);
        AssertNoneLost(GroundTruth(org), Indexed(org), maxDuplicates: 50);
    }
}
