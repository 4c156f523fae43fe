using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using static OktaIntegration.Tests.SystemLog.SystemLogTestKit;

namespace OktaIntegration.Tests.Siem;

/// <summary>Export-OktaSystemLog's loop (Core) to NDJSON files: every event once, cursor only after the fsync, resume after failures.</summary>
public sealed class FileExportTests : ExportTestFolder
{
    public FileExportTests()
        : base("okta-siem-")
    {
    }

    internal static SiemExportOptions Fast(SiemSchema schema = SiemSchema.Raw, int attempts = 4) => new()
    {
        Schema = schema,
        MaxAttempts = attempts,
        BaseBackoff = TimeSpan.FromMilliseconds(5),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        MaxRetryAfter = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>The uuid of every line of every NDJSON file in the folder, in order (Raw: uuid; ECS: event.id; OCSF: metadata.uid).</summary>
    internal static List<string> DeliveredUuids(string folder) => Directory.GetFiles(folder, "*.ndjson").OrderBy(f => f, StringComparer.Ordinal)
        .SelectMany(File.ReadLines).Select(UuidOfJson).ToList();

    /// <summary>The uuid of one exported JSON event: Raw uuid, ECS event.id or OCSF metadata.uid.</summary>
    internal static string UuidOfJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.TryGetProperty("uuid", out var u)) return u.GetString()!;
        if (root.TryGetProperty("event", out var e)) return e.GetProperty("id").GetString()!;
        return root.GetProperty("metadata").GetProperty("uid").GetString()!;
    }

    internal static void AssertNoneLost(IEnumerable<string> truth, IReadOnlyCollection<string> delivered, int maxDuplicates)
    {
        var missing = truth.Except(delivered).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} event(s) lost, e.g. {missing.FirstOrDefault()}");
        var duplicates = delivered.Count - delivered.Distinct().Count();
        Assert.True(duplicates <= maxDuplicates, $"{duplicates} duplicate(s), at most {maxDuplicates} allowed");
    }

    private static SystemLogExporter Exporter(OktaConnection c, ISiemDestination d, string? cursor, SiemExportOptions? o = null, int pageSize = 50) =>
        new(c, PollingFromStart(pageSize), d, o ?? Fast(), cursor);

    [Theory]
    [InlineData(SiemSchema.Raw)]
    [InlineData(SiemSchema.Ecs)]
    [InlineData(SiemSchema.Ocsf)]
    public async Task Every_event_lands_once_and_a_second_run_sends_only_what_is_new(SiemSchema schema)
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var files = new FileDestination(Out);
        var first = await Exporter(connection, files, Cursor, Fast(schema)).RunAsync();
        Assert.True(first.Succeeded, first.Error);
        Assert.Equal(org.Emulator.SystemLog.Count, first.Acknowledged);
        Assert.Equal(first.EventsRead, first.EventsSent);
        Assert.Equal(0, first.BatchesRetried);
        Assert.NotNull(first.CursorPosition);

        org.Emulator.SystemLog.AppendMany(37);
        var second = await Exporter(connection, files, Cursor, Fast(schema)).RunAsync();
        Assert.True(second.Succeeded, second.Error);
        Assert.Equal(37, second.Acknowledged);
        var delivered = DeliveredUuids(Out);
        AssertNoneLost(GroundTruth(org), delivered, maxDuplicates: 0);
        Assert.Equal(GroundTruth(org).Count, delivered.Count);
    }

    [Fact]
    public async Task A_destination_down_at_start_is_retried_and_everything_arrives()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var faulty = new FaultyDestination(new FileDestination(Out)) { DownForSends = 2 };
        var summary = await Exporter(connection, faulty, Cursor).RunAsync();
        Assert.True(summary.Succeeded, summary.Error);
        Assert.Equal(1, summary.BatchesRetried);
        Assert.Equal(2, summary.SendFailures);
        AssertNoneLost(GroundTruth(org), DeliveredUuids(Out), maxDuplicates: 0);
    }

    [Fact]
    public async Task A_destination_that_stays_down_stops_the_run_with_the_cursor_before_the_batch_and_the_next_run_resumes()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var faulty = new FaultyDestination(new FileDestination(Out)) { DownFromSend = 3 };
        var stopped = await Exporter(connection, faulty, Cursor).RunAsync();
        Assert.False(stopped.Succeeded);
        Assert.IsType<SiemDeliveryException>(stopped.GetException());
        Assert.Equal(100, stopped.Acknowledged); // two pages of 50, then down
        Assert.Equal(3, stopped.Pages);

        using var files = new FileDestination(Out);
        var resumed = await Exporter(connection, files, Cursor).RunAsync();
        Assert.True(resumed.Succeeded, resumed.Error);
        Assert.Equal(org.Emulator.SystemLog.Count - 100, resumed.Acknowledged);
        AssertNoneLost(GroundTruth(org), DeliveredUuids(Out), maxDuplicates: 0);
    }

    /// <summary>
    /// The exporter takes the next page from the reader (which records its uuids as delivered)
    /// while this page is still being sent. The cursor saved for a page must hold the seen window
    /// as of that page: one holding the read-ahead page's uuids would make the next run drop them.
    /// </summary>
    [Fact]
    public async Task A_page_read_ahead_is_not_in_the_cursor_saved_before_it_and_is_not_lost_when_the_run_stops()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var faulty = new FaultyDestination(new FileDestination(Out))
        {
            DownFromSend = 3,
            // Hold the send of page 2 until page 3 has been taken from the reader (the reader asks
            // for page 4 only after it has handed page 3 over), so page 2's cursor is saved with
            // page 3 read ahead; the send of page 3 then fails.
            BeforeSend = async n =>
            {
                while (n == 2 && org.Emulator.Requests.ForPath("/api/v1/logs").Count < 4) await Task.Delay(5);
            },
        };
        var stopped = await Exporter(connection, faulty, Cursor, Fast(attempts: 1)).RunAsync();
        Assert.False(stopped.Succeeded);
        Assert.Equal(100, stopped.Acknowledged);

        // The window keeps at least 2,000 uuids, so it must hold exactly the 100 delivered.
        var saved = SystemLogCursorStore.Read(Cursor).Seen.Select(s => s.Uuid).ToList();
        Assert.Equal(DeliveredUuids(Out).OrderBy(u => u, StringComparer.Ordinal), saved.OrderBy(u => u, StringComparer.Ordinal));

        using var files = new FileDestination(Out);
        var resumed = await Exporter(connection, files, Cursor).RunAsync();
        Assert.True(resumed.Succeeded, resumed.Error);
        AssertNoneLost(GroundTruth(org), DeliveredUuids(Out), maxDuplicates: 0);
    }

    [Fact]
    public async Task A_partial_failure_sends_only_the_failed_items_again()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var faulty = new FaultyDestination(new FileDestination(Out)) { FailEveryNthItemOnce = 5 };
        var summary = await Exporter(connection, faulty, Cursor).RunAsync();
        Assert.True(summary.Succeeded, summary.Error);
        Assert.Equal(summary.Pages - 1, summary.BatchesRetried); // every page but the final empty one
        Assert.Equal(new[] { 50, 10 }, faulty.SendSizes.Take(2));
        AssertNoneLost(GroundTruth(org), DeliveredUuids(Out), maxDuplicates: 0);
        Assert.Equal(org.Emulator.SystemLog.Count, DeliveredUuids(Out).Count);
    }

    [Fact]
    public async Task Killed_after_the_fsync_but_before_the_cursor_save_repeats_at_most_that_batch()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var killer = new CancellationTokenSource();
        var faulty = new FaultyDestination(new FileDestination(Out)) { DieAfterSend = 2, Killer = killer };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Exporter(connection, faulty, Cursor).RunAsync(killer.Token));
        faulty.Dispose();

        using var files = new FileDestination(Out);
        var resumed = await Exporter(connection, files, Cursor).RunAsync();
        Assert.True(resumed.Succeeded, resumed.Error);
        var delivered = DeliveredUuids(Out);
        AssertNoneLost(GroundTruth(org), delivered, maxDuplicates: 50);
        Assert.Equal(50, delivered.Count - delivered.Distinct().Count()); // files cannot dedupe: the second page twice
    }

    [Fact]
    public async Task A_line_torn_by_a_crash_is_cut_before_appending()
    {
        var hour = new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);
        File.WriteAllText(Path.Combine(Out, "okta-20261129-03.ndjson"), "{\"uuid\":\"a\"}\n{\"uuid\":\"tor");
        using var files = new FileDestination(Out, clock: () => hour);
        var record = new SiemRecord("b", hour, "x", "{\"uuid\":\"b\"}"u8.ToArray());
        var result = await files.SendAsync(new SiemBatch(new[] { record }, SiemSchema.Raw), CancellationToken.None);
        Assert.Equal(SiemItemStatus.Acknowledged, Assert.Single(result.Statuses));
        Assert.Equal(new[] { "a", "b" }, DeliveredUuids(Out));
    }

    [Fact]
    public async Task A_line_torn_by_a_crash_in_an_hour_now_past_is_cut_when_the_next_run_starts()
    {
        // The crash was at 03:59; the next run starts at 04:00 and writes a new file. Nothing would
        // open the 03 file again, so without a look back its torn line would stay for good.
        File.WriteAllText(Path.Combine(Out, "okta-20261129-03.ndjson"), "{\"uuid\":\"a\"}\n{\"uuid\":\"tor");
        var now = new DateTimeOffset(2026, 11, 29, 4, 0, 0, TimeSpan.Zero);
        using (var files = new FileDestination(Out, clock: () => now))
        {
            var record = new SiemRecord("b", now, "x", "{\"uuid\":\"b\"}"u8.ToArray());
            await files.SendAsync(new SiemBatch(new[] { record }, SiemSchema.Raw), CancellationToken.None);
        }
        Assert.Equal("{\"uuid\":\"a\"}\n", File.ReadAllText(Path.Combine(Out, "okta-20261129-03.ndjson")));
        Assert.Equal(new[] { "a", "b" }, DeliveredUuids(Out));
    }

    [Fact]
    public async Task A_run_resumed_in_the_same_hour_goes_on_in_the_last_part_written_not_an_earlier_one()
    {
        // The crashed run had filled part 0 to within a few hundred bytes and was writing part 1.
        var pad = new string('p', 700);
        var part0 = "{\"uuid\":\"a\",\"pad\":\"" + pad + "\"}\n";
        File.WriteAllText(Path.Combine(Out, "okta-20261129-03.ndjson"), part0);
        File.WriteAllText(Path.Combine(Out, "okta-20261129-03.1.ndjson"), "{\"uuid\":\"b\"}\n{\"uuid\":\"tor");
        var now = new DateTimeOffset(2026, 11, 29, 3, 30, 0, TimeSpan.Zero);
        using (var files = new FileDestination(Out, maxFileBytes: 1024, clock: () => now))
        {
            var record = new SiemRecord("c", now, "x", "{\"uuid\":\"c\"}"u8.ToArray());
            await files.SendAsync(new SiemBatch(new[] { record }, SiemSchema.Raw), CancellationToken.None);
        }
        Assert.Equal(part0, File.ReadAllText(Path.Combine(Out, "okta-20261129-03.ndjson")));
        Assert.Equal("{\"uuid\":\"b\"}\n{\"uuid\":\"c\"}\n", File.ReadAllText(Path.Combine(Out, "okta-20261129-03.1.ndjson")));
    }

    [Fact]
    public async Task Files_roll_by_hour_and_by_size()
    {
        var now = new DateTimeOffset(2026, 11, 29, 3, 59, 0, TimeSpan.Zero);
        using var files = new FileDestination(Out, maxFileBytes: 1024, clock: () => now);
        var big = new SiemRecord("x", now, "x", System.Text.Encoding.UTF8.GetBytes("{\"uuid\":\"x\",\"pad\":\"" + new string('p', 700) + "\"}"));
        await files.SendAsync(new SiemBatch(new[] { big }, SiemSchema.Raw), CancellationToken.None);
        await files.SendAsync(new SiemBatch(new[] { big }, SiemSchema.Raw), CancellationToken.None);
        now = now.AddMinutes(2);
        await files.SendAsync(new SiemBatch(new[] { big }, SiemSchema.Raw), CancellationToken.None);
        var names = Directory.GetFiles(Out).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "okta-20261129-03.1.ndjson", "okta-20261129-03.ndjson", "okta-20261129-04.ndjson" }, names);
    }

    [Fact]
    public async Task A_new_file_has_its_folder_entry_flushed_once_so_a_power_cut_cannot_lose_it_after_the_cursor_moved()
    {
        var now = new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);
        var record = new SiemRecord("a", now, "x", "{\"uuid\":\"a\"}"u8.ToArray());
        using var files = new FileDestination(Out, clock: () => now);
        await files.SendAsync(new SiemBatch(new[] { record }, SiemSchema.Raw), CancellationToken.None);
        await files.SendAsync(new SiemBatch(new[] { record }, SiemSchema.Raw), CancellationToken.None);
        var expected = System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows) ? 0 : 1;
        Assert.Equal(expected, files.FolderFlushes); // the new file's, not again for a file already there
        now = now.AddHours(1);
        await files.SendAsync(new SiemBatch(new[] { record }, SiemSchema.Raw), CancellationToken.None);
        Assert.Equal(2 * expected, files.FolderFlushes);
    }

    [Fact]
    public async Task Records_lying_in_one_array_are_written_as_the_same_lines_as_records_apart()
    {
        // The exporter's layout (objects one after the other, each followed by a line break) is
        // written in one call; any other layout line by line. The file must not tell them apart.
        var now = new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);
        var shared = System.Text.Encoding.UTF8.GetBytes("{\"uuid\":\"a\"}\n{\"uuid\":\"b\"}\n{\"uuid\":\"c\"},{\"uuid\":\"d\"}\n{\"uuid\":\"e\"}");
        SiemRecord At(string uuid)
        {
            var text = "{\"uuid\":\"" + uuid + "\"}";
            var start = System.Text.Encoding.UTF8.GetString(shared).IndexOf(text, StringComparison.Ordinal);
            return new SiemRecord(uuid, now, "x", new ReadOnlyMemory<byte>(shared, start, text.Length));
        }
        var apart = new SiemRecord("f", now, "x", "{\"uuid\":\"f\"}"u8.ToArray());
        // a and b: a run ending in a line break; c: followed by a comma; d then e: e ends the array
        // without one; f in an array of its own; then a again, out of order (not the next offset).
        var records = new[] { At("a"), At("b"), At("c"), At("d"), At("e"), apart, At("a") };
        using (var files = new FileDestination(Out, clock: () => now))
        {
            await files.SendAsync(new SiemBatch(records, SiemSchema.Raw), CancellationToken.None);
        }
        var expected = string.Concat(records.Select(r => System.Text.Encoding.UTF8.GetString(r.Json.Span) + "\n"));
        Assert.Equal(expected, File.ReadAllText(Path.Combine(Out, "okta-20261129-03.ndjson")));
    }
}
