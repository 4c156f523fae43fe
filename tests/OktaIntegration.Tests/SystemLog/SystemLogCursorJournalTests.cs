using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using OktaIntegration.Core.SystemLog;
using Xunit;

namespace OktaIntegration.Tests.SystemLog;

/// <summary>The cursor file as a journal: a save costs its page, and the file always reads back as the writer's window.</summary>
public sealed class SystemLogCursorJournalTests : IDisposable
{
    private const string Org = "http://127.0.0.1:5000";
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "oktajournal-" + Guid.NewGuid().ToString("N"));
    private int _uuids;

    public SystemLogCursorJournalTests() => Directory.CreateDirectory(_dir);

    private string CursorFile => Path.Combine(_dir, "okta.cursor.json");

    private static SystemLogQuery Polling() => new() { Since = DateTimeOffset.UtcNow.AddDays(-1) };

    private static Uri Next(int page) => new(Org + "/api/v1/logs?limit=1000&after=1700000000000_" + page);

    /// <summary>Adds a page of fresh uuids published <paramref name="spacing"/> apart from <paramref name="from"/>; returns them.</summary>
    private List<string> AddPage(SeenUuidWindow seen, int count, DateTimeOffset from, TimeSpan spacing)
    {
        var page = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var uuid = "u" + (_uuids++).ToString("D8") + "-" + Guid.NewGuid().ToString("N");
            Assert.True(seen.Add(uuid, from + TimeSpan.FromTicks(spacing.Ticks * i)));
            page.Add(uuid);
        }
        return page;
    }

    private static void AssertSameState(SeenUuidWindow expected, Uri? next, SystemLogCursor actual)
    {
        var want = expected.Entries.ToList();
        Assert.Equal(want.Count, actual.Seen.Count);
        Assert.True(want.SequenceEqual(actual.Seen), "the saved window differs from the writer's (entries, order or stamps)");
        Assert.Equal(expected.HighWaterMark, actual.HighWaterMark);
        Assert.Equal(next?.AbsoluteUri, actual.Next);
    }

    [Fact]
    public void A_save_after_a_full_window_appends_about_its_page_and_leaves_the_rest_of_the_file_as_it_was()
    {
        var seen = new SeenUuidWindow();
        AddPage(seen, seen.MaximumKept, T0, TimeSpan.FromMilliseconds(50));
        using var store = SystemLogCursorStore.Open(CursorFile, Org, Polling());
        store.Save(Next(0), false, seen);
        var windowBytes = new FileInfo(CursorFile).Length;
        Assert.True(windowBytes > seen.MaximumKept * 50L, $"{windowBytes} bytes");

        for (var page = 1; page <= 5; page++)
        {
            var before = File.ReadAllBytes(CursorFile);
            AddPage(seen, 1000, T0.AddMinutes(45 + page), TimeSpan.FromMilliseconds(10));
            Assert.Equal(seen.MaximumKept, seen.Count); // as many evicted as added
            store.Save(Next(page), false, seen);

            // The save wrote its page: the file grew by a line of about 1,000 uuids, and every byte
            // that was there is still there (not rewritten: a rewrite of the window is 50 times that).
            var after = File.ReadAllBytes(CursorFile);
            var grown = after.Length - before.Length;
            Assert.True(grown > 1000 * 40 && grown < windowBytes / 10, $"grew by {grown} bytes; the window is {windowBytes}");
            Assert.True(after.AsSpan(0, before.Length).SequenceEqual(before), "a save rewrote what an earlier save had written");
            Assert.False(File.Exists(CursorFile + ".tmp"));
            AssertSameState(seen, Next(page), SystemLogCursorStore.Read(CursorFile));
        }
    }

    [Fact]
    public void Replaying_the_file_gives_the_writers_window_across_many_saves_evictions_takebacks_and_compactions()
    {
        var random = new Random(20261129);
        var seen = new SeenUuidWindow(TimeSpan.FromMinutes(10), minimumKept: 40, maximumKept: 400);
        var clock = T0;
        var compactions = 0;
        var runs = 0;
        var page = 0;
        while (runs < 3)
        {
            runs++;
            using var store = SystemLogCursorStore.Open(CursorFile, Org, Polling());
            if (store.Existing is { } existing)
            {
                // A new run restores the window the file holds and goes on from there.
                AssertSameState(seen, Next(page), existing);
                seen = new SeenUuidWindow(TimeSpan.FromMinutes(10), minimumKept: 40, maximumKept: 400);
                seen.Restore(existing.Seen, existing.HighWaterMark);
            }
            for (var i = 0; i < 150; i++)
            {
                page++;
                var added = AddPage(seen, random.Next(0, 120), clock, TimeSpan.FromMilliseconds(random.Next(1, 4000)));
                if (random.Next(8) == 0 && added.Count > 0) seen.Add("late-" + page, clock.AddDays(-1)); // a late event
                clock = clock.AddSeconds(random.Next(0, 90));
                if (random.Next(10) == 0)
                {
                    // A page stopped in the middle: its undelivered part is taken back, and also,
                    // now and then, uuids saved by earlier pages (what a bug would look like from here).
                    foreach (var uuid in added.Skip(random.Next(0, added.Count + 1))) seen.Forget(uuid);
                    foreach (var uuid in seen.Entries.Select(e => e.Uuid).Where(_ => random.Next(50) == 0).ToList()) seen.Forget(uuid);
                }
                if (random.Next(15) == 0 && added.Count > 0)
                {
                    seen.Forget(added[0]);
                    seen.Add(added[0], clock); // taken back, then delivered again: one entry, at its new place
                }
                var lengthBefore = File.Exists(CursorFile) ? new FileInfo(CursorFile).Length : 0;
                store.Save(Next(page), false, seen);
                if (new FileInfo(CursorFile).Length < lengthBefore) compactions++;
                if (i % 10 == 0 || random.Next(5) == 0) AssertSameState(seen, Next(page), SystemLogCursorStore.Read(CursorFile));
            }
        }
        Assert.True(compactions >= 3, $"{compactions} compaction(s)");
        AssertSameState(seen, Next(page), SystemLogCursorStore.Read(CursorFile));
    }

    [Fact]
    public void Each_page_saves_its_own_window_while_later_pages_are_already_taken()
    {
        // The exporter captures a page's cursor when it takes the page from the reader, and saves
        // it once the page is delivered; by then the reader has added the next pages' uuids.
        var seen = new SeenUuidWindow(TimeSpan.FromHours(1), minimumKept: 10, maximumKept: 300);
        using var store = SystemLogCursorStore.Open(CursorFile, Org, Polling());
        var pending = new Queue<(SystemLogCursorCapture Capture, List<(string, long)> Window, Uri Next)>();
        var saves = 0;
        var snapshots = 0;
        for (var page = 1; page <= 120; page++)
        {
            AddPage(seen, 50, T0.AddMinutes(page), TimeSpan.FromMilliseconds(100));
            pending.Enqueue((store.Capture(Next(page), false, seen), seen.Entries.ToList(), Next(page)));
            if (pending.Count < 3) continue; // two pages read ahead
            var (capture, window, next) = pending.Dequeue();
            var lengthBefore = File.Exists(CursorFile) ? new FileInfo(CursorFile).Length : 0;
            store.Save(capture);
            if (new FileInfo(CursorFile).Length < lengthBefore) snapshots++;
            saves++;
            var saved = SystemLogCursorStore.Read(CursorFile);
            Assert.True(window.SequenceEqual(saved.Seen), $"save {saves} holds uuids of a page after it");
            Assert.Equal(next.AbsoluteUri, saved.Next);
        }
        // The first save wrote a snapshot, later ones lines, and some (the window is small) fresh
        // snapshots: each of them as of its own page too (checked above).
        Assert.True(saves > 100);
        Assert.True(snapshots >= 2, $"{snapshots} fresh snapshot(s)");
    }

    [Fact]
    public void A_save_cut_short_anywhere_in_its_line_reopens_as_the_save_before_and_the_next_save_is_whole()
    {
        var seen = new SeenUuidWindow();
        using (var store = SystemLogCursorStore.Open(CursorFile, Org, Polling()))
        {
            AddPage(seen, 30, T0, TimeSpan.FromSeconds(1));
            store.Save(Next(1), false, seen);
            AddPage(seen, 4, T0.AddMinutes(1), TimeSpan.FromSeconds(1));
            store.Save(Next(2), false, seen);
        }
        var before = seen.Entries.ToList();
        var committed = File.ReadAllBytes(CursorFile);
        var lastPage = new List<string>();
        using (var store = SystemLogCursorStore.Open(CursorFile, Org, Polling()))
        {
            seen = new SeenUuidWindow();
            seen.Restore(store.Existing!.Seen, store.Existing.HighWaterMark);
            lastPage = AddPage(seen, 3, T0.AddMinutes(2), TimeSpan.FromSeconds(1));
            store.Save(Next(3), false, seen);
        }
        var whole = File.ReadAllBytes(CursorFile);
        Assert.True(whole.Length > committed.Length + 100);

        var cuts = Enumerable.Range(committed.Length + 1, whole.Length - committed.Length - 1).ToList();
        foreach (var cut in cuts)
        {
            File.WriteAllBytes(CursorFile, whole.AsSpan(0, cut).ToArray());
            using (var store = SystemLogCursorStore.Open(CursorFile, Org, Polling()))
            {
                var existing = store.Existing!;
                Assert.Equal(Next(2).AbsoluteUri, existing.Next);
                Assert.True(before.SequenceEqual(existing.Seen), $"cut at {cut}: not the save before");
                Assert.Equal(committed.Length, new FileInfo(CursorFile).Length); // the cut-short line is gone

                var again = new SeenUuidWindow();
                again.Restore(existing.Seen, existing.HighWaterMark);
                foreach (var uuid in lastPage) again.Add(uuid, T0.AddMinutes(2));
                store.Save(Next(3), false, again);
                AssertSameState(again, Next(3), SystemLogCursorStore.Read(CursorFile));
            }
        }

        // A last line garbled but ended (a power cut can leave zeros where the line was) is cut short too.
        var garbled = (byte[])whole.Clone();
        for (var i = committed.Length + 10; i < whole.Length - 1; i++) garbled[i] = 0;
        File.WriteAllBytes(CursorFile, garbled);
        using (var store = SystemLogCursorStore.Open(CursorFile, Org, Polling()))
        {
            Assert.True(before.SequenceEqual(store.Existing!.Seen));
            Assert.Equal(committed.Length, new FileInfo(CursorFile).Length);
        }
    }

    [Fact]
    public void A_save_cut_short_at_random_in_a_page_of_a_full_window_reopens_as_the_save_before()
    {
        var seen = new SeenUuidWindow();
        AddPage(seen, seen.MaximumKept, T0, TimeSpan.FromMilliseconds(50));
        using (var store = SystemLogCursorStore.Open(CursorFile, Org, Polling()))
        {
            store.Save(Next(1), false, seen);
            AddPage(seen, 1000, T0.AddMinutes(45), TimeSpan.FromMilliseconds(10));
            store.Save(Next(2), false, seen);
        }
        var before = seen.Entries.ToList();
        var committed = File.ReadAllBytes(CursorFile);
        using (var store = SystemLogCursorStore.Open(CursorFile, Org, Polling()))
        {
            seen = new SeenUuidWindow();
            seen.Restore(store.Existing!.Seen, store.Existing.HighWaterMark);
            AddPage(seen, 1000, T0.AddMinutes(46), TimeSpan.FromMilliseconds(10));
            store.Save(Next(3), false, seen);
        }
        var whole = File.ReadAllBytes(CursorFile);
        var random = new Random(7);
        for (var n = 0; n < 12; n++)
        {
            var cut = n == 0 ? whole.Length - 1 : random.Next(committed.Length + 1, whole.Length);
            File.WriteAllBytes(CursorFile, whole.AsSpan(0, cut).ToArray());
            var read = SystemLogCursorStore.Read(CursorFile);
            Assert.True(before.SequenceEqual(read.Seen), $"cut at {cut}");
            Assert.Equal(Next(2).AbsoluteUri, read.Next);
        }
    }

    [Fact]
    public void A_damaged_line_with_saves_after_it_is_unreadable_not_skipped()
    {
        var seen = new SeenUuidWindow();
        using (var store = SystemLogCursorStore.Open(CursorFile, Org, Polling()))
        {
            for (var page = 1; page <= 3; page++)
            {
                AddPage(seen, 5, T0.AddMinutes(page), TimeSpan.FromSeconds(1));
                store.Save(Next(page), false, seen);
            }
        }
        var lines = File.ReadAllText(CursorFile).Split('\n');
        var middle = Array.FindLastIndex(lines, l => l.StartsWith("{\"next\"", StringComparison.Ordinal)) - 1;
        Assert.StartsWith("{\"next\"", lines[middle]);
        lines[middle] = lines[middle].Substring(0, 20);
        File.WriteAllText(CursorFile, string.Join("\n", lines));
        var ex = Assert.Throws<SystemLogCursorException>(() => SystemLogCursorStore.Open(CursorFile, Org, Polling()));
        Assert.Equal(CursorProblem.Unreadable, ex.Problem);
    }

    [Fact]
    public void A_format_1_cursor_is_read_and_its_first_save_writes_format_2()
    {
        var seen = new SeenUuidWindow();
        AddPage(seen, 20, T0, TimeSpan.FromSeconds(1));
        var entries = string.Join(",", seen.Entries.Select(e => $"[\"{e.Uuid}\",{e.Stamp}]"));
        var query = Polling();
        // What the previous version wrote: one indented object, no newline at the end.
        File.WriteAllText(CursorFile,
            "{\n  \"format\": 1,\n  \"org\": \"" + Org + "\",\n  \"queryFingerprint\": \"" + query.Fingerprint(Org) + "\",\n  \"query\": \"" + query.Describe() +
            "\",\n  \"next\": \"" + Next(1).AbsoluteUri + "\",\n  \"completed\": false,\n  \"updated\": \"2026-06-01T12:00:00+00:00\",\n  \"highWaterMark\": " + seen.HighWaterMark +
            ",\n  \"seen\": [" + entries + "]\n}");
        using (var store = SystemLogCursorStore.Open(CursorFile, Org, query))
        {
            Assert.Equal(1, store.Existing!.Format);
            AssertSameState(seen, Next(1), store.Existing);
            var resumed = new SeenUuidWindow();
            resumed.Restore(store.Existing.Seen, store.Existing.HighWaterMark);
            AddPage(resumed, 5, T0.AddMinutes(1), TimeSpan.FromSeconds(1));
            store.Save(Next(2), false, resumed);
            Assert.StartsWith("{\n  \"format\": 2,", File.ReadAllText(CursorFile).Replace("\r\n", "\n"));
            AssertSameState(resumed, Next(2), SystemLogCursorStore.Read(CursorFile));

            var snapshot = File.ReadAllBytes(CursorFile);
            AddPage(resumed, 5, T0.AddMinutes(2), TimeSpan.FromSeconds(1));
            store.Save(Next(3), false, resumed);
            Assert.True(File.ReadAllBytes(CursorFile).AsSpan(0, snapshot.Length).SequenceEqual(snapshot), "the second save appends to the new format");
            AssertSameState(resumed, Next(3), SystemLogCursorStore.Read(CursorFile));
        }
    }

    [Fact]
    public void A_format_it_does_not_know_is_unreadable()
    {
        using (var store = SystemLogCursorStore.Open(CursorFile, Org, Polling()))
        {
            store.Save(Next(1), false, new SeenUuidWindow());
        }
        File.WriteAllText(CursorFile, File.ReadAllText(CursorFile).Replace("\"format\": 2", "\"format\": 3"));
        var ex = Assert.Throws<SystemLogCursorException>(() => SystemLogCursorStore.Open(CursorFile, Org, Polling()));
        Assert.Equal(CursorProblem.Unreadable, ex.Problem);
        Assert.Contains("format 3", ex.Message);
    }

    [Fact]
    public void Compaction_keeps_the_state_and_bounds_the_file_of_a_busy_org()
    {
        var seen = new SeenUuidWindow();
        var clock = T0;
        AddPage(seen, seen.MaximumKept, clock, TimeSpan.FromMilliseconds(50));
        using var store = SystemLogCursorStore.Open(CursorFile, Org, Polling());
        store.Save(Next(0), false, seen);
        var snapshot = new FileInfo(CursorFile).Length;
        long largest = 0;
        var compactions = 0;
        for (var page = 1; page <= 240; page++)
        {
            clock = clock.AddSeconds(50);
            AddPage(seen, 1000, clock, TimeSpan.FromMilliseconds(50));
            var before = new FileInfo(CursorFile).Length;
            store.Save(Next(page), false, seen);
            var after = new FileInfo(CursorFile).Length;
            if (after < before) compactions++;
            largest = Math.Max(largest, after);
            if (page % 60 == 0) AssertSameState(seen, Next(page), SystemLogCursorStore.Read(CursorFile));
        }
        Assert.True(compactions >= 2, $"{compactions} compaction(s)");
        Assert.True(largest <= 3 * snapshot + 1000 * 60, $"the file reached {largest} bytes; a snapshot is {snapshot}");
        store.Dispose();
        using var again = SystemLogCursorStore.Open(CursorFile, Org, Polling());
        AssertSameState(seen, Next(240), again.Existing!);
    }

    [Fact]
    public void A_window_not_restored_from_the_file_is_saved_whole()
    {
        var seen = new SeenUuidWindow();
        using (var store = SystemLogCursorStore.Open(CursorFile, Org, Polling()))
        {
            AddPage(seen, 10, T0, TimeSpan.FromSeconds(1));
            store.Save(Next(1), false, seen);
        }
        using (var store = SystemLogCursorStore.Open(CursorFile, Org, Polling()))
        {
            // A copy of the saved list, or a window that starts empty: the changes cannot be tied
            // to what the file holds, so the save carries the whole window.
            var copy = new SeenUuidWindow();
            copy.Restore(store.Existing!.Seen.ToList(), store.Existing.HighWaterMark);
            AddPage(copy, 3, T0.AddMinutes(1), TimeSpan.FromSeconds(1));
            store.Save(Next(2), false, copy);
            AssertSameState(copy, Next(2), SystemLogCursorStore.Read(CursorFile));

            var fresh = new SeenUuidWindow();
            AddPage(fresh, 2, T0.AddMinutes(2), TimeSpan.FromSeconds(1));
            store.Save(Next(3), false, fresh);
            AssertSameState(fresh, Next(3), SystemLogCursorStore.Read(CursorFile));
        }
    }

    [Fact]
    public void A_capture_saved_twice_or_after_a_skipped_one_is_refused()
    {
        var seen = new SeenUuidWindow();
        using var store = SystemLogCursorStore.Open(CursorFile, Org, Polling());
        AddPage(seen, 3, T0, TimeSpan.FromSeconds(1));
        var first = store.Capture(Next(1), false, seen);
        AddPage(seen, 3, T0.AddMinutes(1), TimeSpan.FromSeconds(1));
        var second = store.Capture(Next(2), false, seen);
        AddPage(seen, 3, T0.AddMinutes(2), TimeSpan.FromSeconds(1));
        var third = store.Capture(Next(3), false, seen);
        store.Save(first);
        Assert.Throws<InvalidOperationException>(() => store.Save(first));
        Assert.Throws<InvalidOperationException>(() => store.Save(third));
        store.Save(second);
        store.Save(third);
        AssertSameState(seen, Next(3), SystemLogCursorStore.Read(CursorFile));
    }

    [Fact]
    public void A_file_changed_under_the_run_without_changing_its_length_is_not_appended_to()
    {
        var seen = new SeenUuidWindow();
        using var store = SystemLogCursorStore.Open(CursorFile, Org, Polling());
        var firstPage = AddPage(seen, 20, T0, TimeSpan.FromSeconds(1));
        store.Save(Next(1), false, seen);
        AddPage(seen, 5, T0.AddMinutes(1), TimeSpan.FromSeconds(1));
        store.Save(Next(2), false, seen);

        // Someone edits the file in place, or restores a copy of the same size with its own time
        // (cp -p, a backup tool): one uuid of the snapshot differs, the length does not.
        var bytes = File.ReadAllBytes(CursorFile);
        var at = Encoding.UTF8.GetString(bytes).IndexOf(firstPage[0], StringComparison.Ordinal);
        Assert.True(at > 0);
        bytes[at] = (byte)'X';
        File.WriteAllBytes(CursorFile, bytes);
        File.SetLastWriteTimeUtc(CursorFile, DateTime.UtcNow.AddHours(-1));

        // The next save cannot vouch for what it would append to: it writes the whole state.
        AddPage(seen, 5, T0.AddMinutes(2), TimeSpan.FromSeconds(1));
        store.Save(Next(3), false, seen);
        AssertSameState(seen, Next(3), SystemLogCursorStore.Read(CursorFile));
    }

    [Fact]
    public void A_file_deleted_under_the_run_is_not_left_empty_when_the_snapshot_that_replaces_it_fails()
    {
        var seen = new SeenUuidWindow();
        using (var store = SystemLogCursorStore.Open(CursorFile, Org, Polling()))
        {
            AddPage(seen, 5, T0, TimeSpan.FromSeconds(1));
            store.Save(Next(1), false, seen);
            File.Delete(CursorFile);
            Directory.CreateDirectory(CursorFile + ".tmp"); // the snapshot's temporary file cannot be made
            AddPage(seen, 5, T0.AddMinutes(1), TimeSpan.FromSeconds(1));
            var ex = Record.Exception(() => store.Save(Next(2), false, seen));
            Assert.True(ex is IOException or UnauthorizedAccessException, ex?.ToString() ?? "the save did not fail");
            // No cursor, as the deletion left it: an empty file would stop the next run as unreadable.
            Assert.False(File.Exists(CursorFile), "the failed save left an empty cursor file");
            Directory.Delete(CursorFile + ".tmp");
        }
        using var again = SystemLogCursorStore.Open(CursorFile, Org, Polling());
        Assert.Null(again.Existing);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
