using System;
using System.IO;
using System.Linq;
using OktaIntegration.Core.SystemLog;
using Xunit;

namespace OktaIntegration.Tests.SystemLog;

public sealed class SystemLogCursorStoreTests : IDisposable
{
    private const string Org = "http://127.0.0.1:5000";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "oktacursor-" + Guid.NewGuid().ToString("N"));

    public SystemLogCursorStoreTests() => Directory.CreateDirectory(_dir);

    private string CursorFile => Path.Combine(_dir, "okta.cursor.json");

    private static SystemLogQuery Polling(string? filter = null) => new() { Since = DateTimeOffset.UtcNow.AddDays(-1), Filter = filter };

    [Fact]
    public void Saves_atomically_and_reads_back_the_next_link_and_window()
    {
        var seen = new SeenUuidWindow();
        seen.Add("a", DateTimeOffset.UtcNow.AddMinutes(-2));
        seen.Add("b", DateTimeOffset.UtcNow.AddMinutes(-1));
        using (var store = SystemLogCursorStore.Open(CursorFile, Org, Polling()))
        {
            Assert.Null(store.Existing);
            store.Save(new Uri(Org + "/api/v1/logs?limit=1000&after=1700000000000_42"), false, seen);
            store.Save(new Uri(Org + "/api/v1/logs?limit=1000&after=1700000000001_43"), false, seen);
        }
        Assert.False(File.Exists(CursorFile + ".tmp"));
        using var again = SystemLogCursorStore.Open(CursorFile, Org, Polling());
        Assert.Equal(Org + "/api/v1/logs?limit=1000&after=1700000000001_43", again.Existing!.Next);
        Assert.Equal(new[] { "a", "b" }, again.Existing.Seen.Select(s => s.Uuid));
        Assert.Equal(seen.HighWaterMark, again.Existing.HighWaterMark);
    }

    [Fact]
    public void A_full_window_is_written_as_one_compact_line_under_readable_fields_and_read_back_whole()
    {
        // A busy org fills the window (50,000 uuids) and the cursor is saved after every page.
        var seen = new SeenUuidWindow();
        var start = DateTimeOffset.UtcNow.AddMinutes(-50);
        for (var i = 0; i < seen.MaximumKept; i++) seen.Add(Guid.NewGuid().ToString(), start.AddMilliseconds(i * 50));
        using (var store = SystemLogCursorStore.Open(CursorFile, Org, Polling()))
        {
            store.Save(new Uri(Org + "/api/v1/logs?limit=1000&after=1700000000000_42"), false, seen);
        }
        var lines = File.ReadAllLines(CursorFile);
        Assert.True(lines.Length < 15, $"{lines.Length} lines");
        Assert.Contains(lines, l => l.Trim() == "\"next\": \"" + Org + "/api/v1/logs?limit=1000&after=1700000000000_42\","); // on its own line, as the URL reads
        var seenLine = Assert.Single(lines, l => l.TrimStart().StartsWith("\"seen\": [[", StringComparison.Ordinal));
        Assert.DoesNotContain(" ", seenLine.Trim().Substring("\"seen\": ".Length));
        Assert.True(new FileInfo(CursorFile).Length < seen.MaximumKept * 56L + 1024, $"{new FileInfo(CursorFile).Length} bytes");

        using var again = SystemLogCursorStore.Open(CursorFile, Org, Polling());
        Assert.Equal(seen.Entries.Select(e => e.Uuid), again.Existing!.Seen.Select(e => e.Uuid));
        Assert.Equal(seen.Entries.Select(e => e.Stamp), again.Existing.Seen.Select(e => e.Stamp));
    }

    [Fact]
    public void A_second_run_on_the_same_cursor_is_refused_while_the_first_holds_it()
    {
        using var first = SystemLogCursorStore.Open(CursorFile, Org, Polling());
        var ex = Assert.Throws<SystemLogCursorException>(() => SystemLogCursorStore.Open(CursorFile, Org, Polling()));
        Assert.Equal(CursorProblem.InUse, ex.Problem);
        Assert.Contains("in use by another run", ex.Message);
        first.Dispose();
        using var later = SystemLogCursorStore.Open(CursorFile, Org, Polling()); // released with the first run
    }

    [Fact]
    public void A_cursor_for_another_org_or_query_is_an_error_not_reused()
    {
        using (var store = SystemLogCursorStore.Open(CursorFile, Org, Polling("eventType eq \"user.session.start\"")))
        {
            store.Save(new Uri(Org + "/api/v1/logs?after=1_1"), false, new SeenUuidWindow());
        }
        var otherQuery = Assert.Throws<SystemLogCursorException>(() => SystemLogCursorStore.Open(CursorFile, Org, Polling("eventType eq \"user.session.end\"")));
        Assert.Equal(CursorProblem.Mismatch, otherQuery.Problem);
        Assert.Contains("another query", otherQuery.Message);
        var otherOrg = Assert.Throws<SystemLogCursorException>(() => SystemLogCursorStore.Open(CursorFile, "https://other.okta.com", Polling("eventType eq \"user.session.start\"")));
        Assert.Equal(CursorProblem.Mismatch, otherOrg.Problem);
        Assert.Contains("other.okta.com", otherOrg.Message);

        // A polling query's -Since only places the first run, so a moving -Since still matches.
        var moved = Polling("eventType eq \"user.session.start\"");
        moved.Since = DateTimeOffset.UtcNow.AddHours(-3);
        using var ok = SystemLogCursorStore.Open(CursorFile, Org, moved);
        Assert.NotNull(ok.Existing);
    }

    [Fact]
    public void An_unreadable_cursor_file_is_reported_with_what_to_do()
    {
        File.WriteAllText(CursorFile, "{ not json");
        var ex = Assert.Throws<SystemLogCursorException>(() => SystemLogCursorStore.Open(CursorFile, Org, Polling()));
        Assert.Equal(CursorProblem.Unreadable, ex.Problem);
        Assert.Contains("delete it", ex.Message);
    }

    [Fact]
    public void A_cursor_whose_next_link_is_not_a_url_is_unreadable_not_followed()
    {
        using (var store = SystemLogCursorStore.Open(CursorFile, Org, Polling()))
        {
            store.Save(new Uri(Org + "/api/v1/logs?after=1_1"), false, new SeenUuidWindow());
        }
        File.WriteAllText(CursorFile, File.ReadAllText(CursorFile).Replace(Org + "/api/v1/logs?after=1_1", "not a url"));
        var ex = Assert.Throws<SystemLogCursorException>(() => SystemLogCursorStore.Open(CursorFile, Org, Polling()));
        Assert.Equal(CursorProblem.Unreadable, ex.Problem);
    }

    [Fact]
    public void Bounded_fingerprint_includes_the_time_range()
    {
        var a = new SystemLogQuery { Since = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Until = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero) };
        var b = new SystemLogQuery { Since = a.Since, Until = new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero) };
        Assert.NotEqual(a.Fingerprint(Org), b.Fingerprint(Org));
        Assert.NotEqual(a.Fingerprint(Org), a.Fingerprint("https://other.okta.com"));
    }

    [Fact]
    public void A_cursor_saved_with_a_utf8_byte_order_mark_is_read()
    {
        using (var store = SystemLogCursorStore.Open(CursorFile, Org, Polling()))
        {
            store.Save(new Uri(Org + "/api/v1/logs?after=1_1"), false, new SeenUuidWindow());
        }
        // What an admin's editor (or Set-Content -Encoding UTF8 on PowerShell 5.1) writes back.
        File.WriteAllText(CursorFile, File.ReadAllText(CursorFile), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal(0xEF, File.ReadAllBytes(CursorFile)[0]);
        using var again = SystemLogCursorStore.Open(CursorFile, Org, Polling());
        Assert.Equal(Org + "/api/v1/logs?after=1_1", again.Existing!.Next);
    }

    [Fact]
    public void The_temp_file_of_a_killed_run_is_removed_when_the_cursor_is_opened()
    {
        File.WriteAllText(CursorFile + ".tmp", "{\"format\": 1, \"org\": ");
        using (SystemLogCursorStore.Open(CursorFile, Org, Polling()))
        {
            Assert.False(File.Exists(CursorFile + ".tmp"));
        }
    }

    [Fact]
    public void A_folder_as_cursor_path_is_refused_before_anything_is_read()
    {
        var folder = Path.Combine(_dir, "cursors");
        Directory.CreateDirectory(folder);
        var ex = Assert.Throws<SystemLogCursorException>(() => SystemLogCursorStore.Open(folder, Org, Polling()));
        Assert.Equal(CursorProblem.NotWritable, ex.Problem);
        Assert.Contains("is a folder", ex.Message);
        Assert.False(File.Exists(folder + ".lock"));
    }

    [Fact]
    public void A_cursor_that_cannot_be_written_is_refused_at_open()
    {
        // A directory where the temporary file of every save must go: the save would fail after
        // the first page, so opening fails instead (a read-only folder fails the same way, but
        // the tests may run as root, which ignores permissions).
        Directory.CreateDirectory(CursorFile + ".tmp");
        File.WriteAllText(Path.Combine(CursorFile + ".tmp", "x"), "x");
        var ex = Assert.Throws<SystemLogCursorException>(() => SystemLogCursorStore.Open(CursorFile, Org, Polling()));
        Assert.Equal(CursorProblem.NotWritable, ex.Problem);
        Assert.Contains("cannot be written", ex.Message);
        Directory.Delete(CursorFile + ".tmp", recursive: true);
        using var later = SystemLogCursorStore.Open(CursorFile, Org, Polling()); // the failed open released the lock
    }

    [Fact]
    public void The_lock_file_stays_but_no_longer_names_a_holder_after_a_clean_exit()
    {
        using (SystemLogCursorStore.Open(CursorFile, Org, Polling()))
        {
        }
        Assert.True(File.Exists(CursorFile + ".lock"));
        Assert.Equal(0, new FileInfo(CursorFile + ".lock").Length);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
