using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Emulator;
using OktaIntegration.Emulator.Faults;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using static OktaIntegration.Tests.SystemLog.SystemLogTestKit;

namespace OktaIntegration.Tests.SystemLog;

/// <summary>Zero events lost and zero duplicated, checked by uuid against the emulator, under each failure Okta can produce.</summary>
public class SystemLogReliabilityTests
{
    private const string Logs = "/api/v1/logs";

    /// <summary>Short rate-limit windows so a 429 costs a second, not a minute.</summary>
    private static void FastWindows(EmulatorOptions o) => o.RateLimits[Logs] = new RateLimitRule(10_000, TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData(FaultKind.RateLimit, 3)]
    [InlineData(FaultKind.ConcurrencyLimit, 4)]
    [InlineData(FaultKind.ServerError, 4)]
    [InlineData(FaultKind.ServiceUnavailable, 4)]
    [InlineData(FaultKind.ResetMidBody, 3)]
    [InlineData(FaultKind.TruncatedJson, 3)]
    [InlineData(FaultKind.DuplicateRateLimitHeaders, 3)]
    public async Task Every_event_is_delivered_exactly_once_despite(FaultKind fault, int count)
    {
        await using var org = await TestOrg.StartAsync(FastWindows);
        using var connection = await org.ConnectSswsAsync();
        var query = PollingFromStart(pageSize: 30);
        var reader = new SystemLogReader(connection.Transport, query);
        var events = new List<OktaLogEvent>();
        var armed = false;
        await foreach (var page in reader.ReadPagesAsync())
        {
            events.AddRange(page.Events);
            if (!armed)
            {
                // Mid-run, on the pages that follow.
                armed = true;
                org.Emulator.Faults.Add(fault, Logs, count);
            }
        }
        AssertExactlyOnce(GroundTruth(org), events);
        Assert.Contains(org.Emulator.Requests.ForPath(Logs), r => r.Status is 429 or >= 500 || fault is FaultKind.ResetMidBody or FaultKind.TruncatedJson or FaultKind.DuplicateRateLimitHeaders);
    }

    [Fact]
    public async Task Token_expiry_mid_run_is_renewed_and_the_page_replayed()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectAsync(org.PrivateKeyJwtSettings());
        var reader = new SystemLogReader(connection.Transport, PollingFromStart(40));
        var events = new List<OktaLogEvent>();
        var pages = 0;
        await foreach (var page in reader.ReadPagesAsync())
        {
            events.AddRange(page.Events);
            if (++pages == 2) org.Emulator.Tokens.ExpireAll();
        }
        AssertExactlyOnce(GroundTruth(org), events);
        Assert.Contains(org.Emulator.Requests.ForPath(Logs), r => r.Status == 401);
    }

    [Fact]
    public async Task DPoP_nonce_rotation_mid_run_is_followed()
    {
        await using var org = await TestOrg.StartAsync(o =>
        {
            o.Apps[0].RequireDPoP = true;
            o.RequireResourceDPoPNonce = true;
        });
        using var connection = await org.ConnectAsync(org.PrivateKeyJwtSettings());
        Assert.True(connection.DPoP);
        var reader = new SystemLogReader(connection.Transport, PollingFromStart(40));
        var events = new List<OktaLogEvent>();
        var pages = 0;
        await foreach (var page in reader.ReadPagesAsync())
        {
            events.AddRange(page.Events);
            if (++pages % 2 == 0) org.Emulator.Tokens.RotateNonce();
        }
        AssertExactlyOnce(GroundTruth(org), events);
        Assert.All(org.Emulator.Requests.ForPath(Logs), r => Assert.True(r.HadDPoPProof));
    }

    [Fact]
    public async Task Late_arriving_and_out_of_order_events_are_delivered_by_polling()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        org.Emulator.SystemLog.AddLateEvents(5, visibleAfterPolls: 3, publishedAgo: TimeSpan.FromDays(3));
        var events = await ReadAllAsync(connection, PollingFromStart(pageSize: 20));

        Assert.Equal(0, org.Emulator.SystemLog.PendingLateEvents);
        AssertExactlyOnce(GroundTruth(org), events);
        // Polling order is persistence order: the late events come after newer ones.
        var outOfOrder = events.Zip(events.Skip(1), (a, b) => b.Published < a.Published).Count(x => x);
        Assert.True(outOfOrder > 0);
    }

    [Fact]
    public async Task Duplicates_across_pages_are_dropped()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        org.Emulator.SystemLog.DuplicatesAcrossPages = 4;
        var reader = new SystemLogReader(connection.Transport, PollingFromStart(pageSize: 25));
        var events = new List<OktaLogEvent>();
        var dropped = 0;
        await foreach (var page in reader.ReadPagesAsync())
        {
            events.AddRange(page.Events);
            dropped += page.Duplicates;
        }
        AssertExactlyOnce(GroundTruth(org), events);
        Assert.True(dropped >= 4 * 5);
    }

    [Fact]
    public async Task Duplicates_across_pages_are_dropped_in_bounded_queries_too()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        org.Emulator.SystemLog.DuplicatesAcrossPages = 3;
        var query = new SystemLogQuery { Since = DateTimeOffset.UtcNow.AddDays(-31), Until = DateTimeOffset.UtcNow, PageSize = 25 };
        AssertExactlyOnce(GroundTruth(org), await ReadAllAsync(connection, query));
    }

    [Fact]
    public async Task A_run_killed_between_pages_resumes_from_the_cursor_without_loss_or_repeat()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        org.Emulator.SystemLog.DuplicatesAcrossPages = 2;
        var path = Path.Combine(Path.GetTempPath(), "oktalog-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var delivered = new List<OktaLogEvent>();
            var query = PollingFromStart(pageSize: 30);
            using (var store = SystemLogCursorStore.Open(path, connection.OrgUrl, query))
            {
                var reader = new SystemLogReader(connection.Transport, query);
                var pages = 0;
                await foreach (var page in reader.ReadPagesAsync())
                {
                    delivered.AddRange(page.Events);
                    store.Save(page.ResumeUri, page.ResumeUri == null, reader.Seen);
                    if (++pages == 3) break; // killed: nothing after the third commit runs
                }
            }

            // The next scheduled run: a later -Since that the cursor overrides.
            var next = PollingFromStart(pageSize: 30);
            next.Since = DateTimeOffset.UtcNow.AddHours(-1);
            using (var store = SystemLogCursorStore.Open(path, connection.OrgUrl, next))
            {
                Assert.NotNull(store.Existing);
                var seen = new SeenUuidWindow();
                seen.Restore(store.Existing!.Seen, store.Existing.HighWaterMark);
                var reader = new SystemLogReader(connection.Transport, next, new Uri(store.Existing.Next!), seen);
                await foreach (var page in reader.ReadPagesAsync())
                {
                    delivered.AddRange(page.Events);
                    store.Save(page.ResumeUri, page.ResumeUri == null, reader.Seen);
                }
            }
            AssertExactlyOnce(GroundTruth(org), delivered);
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".lock");
        }
    }

    [Fact]
    public async Task A_run_killed_mid_page_repeats_only_that_page_and_loses_nothing()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var path = Path.Combine(Path.GetTempPath(), "oktalog-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var delivered = new List<OktaLogEvent>();
            var uncommitted = new List<string>();
            var query = PollingFromStart(pageSize: 30);
            using (var store = SystemLogCursorStore.Open(path, connection.OrgUrl, query))
            {
                var reader = new SystemLogReader(connection.Transport, query);
                var pages = 0;
                await foreach (var page in reader.ReadPagesAsync())
                {
                    if (++pages == 3)
                    {
                        // Killed after writing 10 events, before the commit.
                        delivered.AddRange(page.Events.Take(10));
                        uncommitted.AddRange(page.Events.Take(10).Select(e => e.Uuid));
                        break;
                    }
                    delivered.AddRange(page.Events);
                    store.Save(page.ResumeUri, false, reader.Seen);
                }
            }
            using (var store = SystemLogCursorStore.Open(path, connection.OrgUrl, query))
            {
                var seen = new SeenUuidWindow();
                seen.Restore(store.Existing!.Seen, store.Existing.HighWaterMark);
                var reader = new SystemLogReader(connection.Transport, query, new Uri(store.Existing.Next!), seen);
                await foreach (var page in reader.ReadPagesAsync()) delivered.AddRange(page.Events);
            }
            var truth = GroundTruth(org);
            Assert.Empty(truth.Except(delivered.Select(e => e.Uuid)));
            var repeated = delivered.GroupBy(e => e.Uuid).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.Equal(uncommitted.OrderBy(x => x), repeated.OrderBy(x => x));
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".lock");
        }
    }

    [Fact]
    public async Task A_next_link_to_another_origin_is_refused_before_the_page_is_delivered()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var reader = new SystemLogReader(connection.Transport, PollingFromStart(pageSize: 30));
        var delivered = new List<OktaLogEvent>();
        var ex = await Assert.ThrowsAsync<CrossOriginException>(async () =>
        {
            await foreach (var page in reader.ReadPagesAsync())
            {
                delivered.AddRange(page.Events);
                org.Emulator.Faults.Add(FaultKind.ForeignNextLink, Logs, 1);
            }
        });
        Assert.Contains(FaultMiddleware.ForeignOrigin, ex.Message);
        // The reader fetches one page ahead, so the fault lands on page 2 or, when page 2 was already
        // fetched as it was added, on page 3. Either way every page before the one that carried the
        // foreign link was delivered, and that page was not.
        var requests = org.Emulator.Requests.ForPath(Logs).Count;
        Assert.InRange(requests, 2, 3);
        Assert.Equal((requests - 1) * 30, delivered.Count);
        Assert.Equal(delivered.Count, reader.Seen.Count);
    }

    [Fact]
    public async Task Follow_tails_new_events_until_cancelled_and_the_resume_point_misses_nothing()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var query = PollingFromStart(pageSize: 100);
        query.Follow = true;
        var reader = new SystemLogReader(connection.Transport, query);
        var delivered = new List<OktaLogEvent>();
        Uri? resume = null;
        using (org.Emulator.SystemLog.StartTrickle(TimeSpan.FromMilliseconds(40), 3))
        {
            using var cts = new CancellationTokenSource();
            var initial = org.Emulator.SystemLog.Count;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var page in reader.ReadPagesAsync(cts.Token))
                {
                    delivered.AddRange(page.Events);
                    resume = page.ResumeUri;
                    if (delivered.Count >= initial + 30) cts.Cancel();
                }
            });
        }
        Assert.True(delivered.Count >= org.Emulator.Options.EventCount + 30);
        // What arrived after the cancel is read by the next (catch-up) run from the saved point.
        var rest = new SystemLogReader(connection.Transport, PollingFromStart(100), resume, reader.Seen);
        await foreach (var page in rest.ReadPagesAsync()) delivered.AddRange(page.Events);
        AssertExactlyOnce(GroundTruth(org), delivered);
    }

    [Fact]
    public async Task A_paced_reader_under_a_tight_limit_provokes_no_429()
    {
        await using var org = await TestOrg.StartAsync(o => o.RateLimits[Logs] = new RateLimitRule(8, TimeSpan.FromSeconds(1)));
        using var connection = await org.ConnectSswsAsync();
        var events = await ReadAllAsync(connection, PollingFromStart(pageSize: 10));
        AssertExactlyOnce(GroundTruth(org), events);
        Assert.True(org.Emulator.Requests.ForPath(Logs).Count > 16); // several windows were crossed
        Assert.Equal(0, org.Emulator.RateLimits.Rejected);
    }
}
