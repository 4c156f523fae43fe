using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Emulator;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Emulator.SystemLog;

namespace OktaIntegration.Benchmarks;

/// <summary>
/// Parsing only, no HTTP: one 1000-event page parsed by the Core page parser and by
/// JsonDocument, to see how much of the end-to-end gap is parsing.
/// </summary>
public static class ParseBenchmark
{
    public static void Run()
    {
        var org = new OrgState(42);
        SeedData.Populate(org, 200, 42);
        var store = new LogEventStore(new EmulatorOptions { EventCount = 1000 }, org);
        var page = Encoding.UTF8.GetBytes("[" + string.Join(",", store.Snapshot().Select(e => Encoding.UTF8.GetString(e.Json))) + "]");
        for (var round = 0; round < 3; round++)
        {
            var doc = Time(() =>
            {
                using var d = JsonDocument.Parse(page);
                return d.RootElement.GetArrayLength();
            });
            var ours = Time(() => LogPageParser.Parse(page).Count);
            var envelopes = Time(() => LogPageParser.Parse(page, LogEventFields.Envelope).Count);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "parse (page of 1000, {0:N0} bytes): JsonDocument {1:0.00} ms, LogPageParser {2:0.00} ms, envelopes only (the export's) {3:0.00} ms", page.Length, doc, ours, envelopes));
        }
    }

    private static double Time(Func<int> parse)
    {
        for (var i = 0; i < 20; i++) parse();
        var clock = Stopwatch.StartNew();
        const int n = 200;
        for (var i = 0; i < n; i++) parse();
        return clock.Elapsed.TotalMilliseconds / n;
    }
}
