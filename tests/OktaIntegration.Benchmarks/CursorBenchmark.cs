using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Benchmarks;

/// <summary>
/// The System Log cursor of a busy org, no HTTP: a full seen window (50,000 uuids), then pages of
/// 1,000 new events, each captured as the exporter captures it and saved. Prints the bytes each
/// save wrote (from /proc/self/io on Linux, otherwise the file's growth and snapshots) and its time,
/// next to what rewriting the whole window, as format 1 did, would write.
/// </summary>
public static class CursorBenchmark
{
    public static void Run(int pages)
    {
        var dir = Path.Combine(Path.GetTempPath(), "okta-cursor-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "busy.cursor");
            var query = new SystemLogQuery { Since = DateTimeOffset.UtcNow.AddDays(-1) };
            var seen = new SeenUuidWindow();
            var clock = DateTimeOffset.UtcNow.AddHours(-2);
            for (var i = 0; i < seen.MaximumKept; i++) seen.Add(Guid.NewGuid().ToString(), clock.AddMilliseconds(i * 50));
            using var store = SystemLogCursorStore.Open(path, "https://busy.okta.com", query);
            store.Save(new Uri("https://busy.okta.com/api/v1/logs?after=0"), false, seen);
            var window = new FileInfo(path).Length;

            var written = new long[pages];
            var saveMs = new double[pages];
            var captureMs = new double[pages];
            var snapshots = 0;
            for (var page = 0; page < pages; page++)
            {
                clock = clock.AddSeconds(50);
                for (var i = 0; i < 1000; i++) seen.Add(Guid.NewGuid().ToString(), clock.AddMilliseconds(i * 50));
                var watch = Stopwatch.StartNew();
                var capture = store.Capture(new Uri("https://busy.okta.com/api/v1/logs?after=" + (page + 1)), false, seen);
                captureMs[page] = watch.Elapsed.TotalMilliseconds;
                var before = new FileInfo(path).Length;
                var wroteBefore = WrittenByProcess();
                watch.Restart();
                store.Save(capture);
                saveMs[page] = watch.Elapsed.TotalMilliseconds;
                var after = new FileInfo(path).Length;
                if (after < before) snapshots++;
                written[page] = wroteBefore is { } w && WrittenByProcess() is { } w2 ? w2 - w : after >= before ? after - before : after;
            }
            var sorted = saveMs.OrderBy(x => x).ToArray();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "cursor (50,000-uuid window, {0} saves of 1,000 events): {1:N0} bytes written a save on average (a whole-window rewrite: {2:N0}), largest {3:N0}; {4} snapshot(s); save median {5:0.00} ms, max {6:0.00} ms (fsync included); capture {7:0.000} ms average; file now {8:N0} bytes",
                pages, written.Average(), window, written.Max(), snapshots, sorted[sorted.Length / 2], sorted[sorted.Length - 1], captureMs.Average(), new FileInfo(path).Length));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Bytes this process has handed to write() so far (Linux); null elsewhere.</summary>
    private static long? WrittenByProcess()
    {
        if (!File.Exists("/proc/self/io")) return null;
        foreach (var line in File.ReadAllLines("/proc/self/io"))
        {
            if (line.StartsWith("wchar:", StringComparison.Ordinal)) return long.Parse(line.Substring(6).Trim(), CultureInfo.InvariantCulture);
        }
        return null;
    }
}
