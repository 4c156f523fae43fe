using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using OktaIntegration.Core.Detection;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Emulator.SystemLog.Scenarios;

namespace OktaIntegration.Benchmarks;

/// <summary>
/// Find-OktaThreat's quality and speed: every scenario (attacks and near-misses) planted in a large
/// benign stream, all rules on. Recall: the share of planted attacks the expected rule found.
/// Precision: the share of findings that are about a planted attack (its user or address, its time).
/// Throughput: events per second through the rules over events already parsed. Memory: the state's
/// serialized size, bounded by the caps, not by the number of events.
/// </summary>
public static class DetectBenchmark
{
    public static int Run(int users, int days, int rounds)
    {
        var end = DateTimeOffset.Parse("2026-06-20T00:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var start = end - (long)TimeSpan.FromDays(days).TotalMilliseconds;
        var people = Enumerable.Range(0, users).Select(i => new ScenarioUser($"00u{i:D17}", $"user{i}@example.com", $"User {i}")).ToArray();
        var clock = Stopwatch.StartNew();
        var g = ThreatScenarioGenerator.Build(11, people, start, end, ThreatScenarioGenerator.All);
        Console.WriteLine($"generated {g.Events.Count:N0} events ({g.Labels.Count(l => l.IsAttack)} attacks, {g.Labels.Count(l => !l.IsAttack)} near-misses) in {clock.Elapsed.TotalSeconds:0.0} s");

        clock.Restart();
        var events = new List<OktaLogEvent>(g.Events.Count);
        for (var i = 0; i < g.Events.Count; i += 1000)
        {
            using var page = new MemoryStream();
            page.WriteByte((byte)'[');
            for (var k = i; k < Math.Min(i + 1000, g.Events.Count); k++)
            {
                if (k > i) page.WriteByte((byte)',');
                page.Write(g.Events[k].Json, 0, g.Events[k].Json.Length);
            }
            page.WriteByte((byte)']');
            events.AddRange(LogPageParser.Parse(page.ToArray()));
        }
        Console.WriteLine($"parsed in {clock.Elapsed.TotalSeconds:0.0} s");

        var settings = DetectionSettings.FromJson(ThreatScenarioGenerator.RecommendedSettingsJson);

        // Quality.
        var state = new DetectionState(settings, "https://bench.okta.com");
        var findings = new ThreatDetector(settings, state, ThreatRuleCatalog.Create(settings)).Run(events);
        var attacks = g.Labels.Where(l => l.IsAttack).ToList();
        var found = attacks.Count(l => findings.Any(f => f.Rule == l.Rule && Matches(f, l)));
        var relevant = findings.Count(f => attacks.Any(l => Matches(f, l)));
        var recall = attacks.Count == 0 ? 1.0 : found / (double)attacks.Count;
        var precision = findings.Count == 0 ? 1.0 : relevant / (double)findings.Count;
        foreach (var l in attacks.Where(l => !findings.Any(f => f.Rule == l.Rule && Matches(f, l)))) Console.WriteLine($"  MISSED {l.Scenario} ({l.Rule}) {l.Login ?? l.Ip}");
        foreach (var f in findings.Where(f => !attacks.Any(l => Matches(f, l)))) Console.WriteLine($"  FALSE POSITIVE {f}");
        Console.WriteLine($"findings: {findings.Count}, planted attacks found: {found}/{attacks.Count}");

        // Throughput: rules only, over the parsed events, a fresh state each round; the best round counts.
        var best = 0.0;
        DetectionState last = state;
        for (var r = 0; r < rounds; r++)
        {
            var s = new DetectionState(settings, "https://bench.okta.com");
            var detector = new ThreatDetector(settings, s, ThreatRuleCatalog.Create(settings));
            GC.Collect();
            clock.Restart();
            foreach (var e in events) detector.Observe(e);
            detector.Complete();
            var rate = events.Count / clock.Elapsed.TotalSeconds;
            Console.WriteLine($"round {r + 1}: {rate:N0} events/s");
            best = Math.Max(best, rate);
            last = s;
        }
        var stateMb = DetectionStateStore.Serialize(last).Length / (1024.0 * 1024.0);
        Console.WriteLine($"state: {last.UserCount:N0} users (cap {last.MaxUsers:N0}), {last.WindowCount:N0} windows (cap {last.MaxWindows:N0}), {last.FingerprintCount:N0} fingerprints (cap {last.MaxFingerprints:N0}); serialized {stateMb:0.00} MB");

        // Bounded: the same stream with small caps keeps the state within them.
        var small = DetectionSettings.FromJson("{ \"state\": { \"maxUsers\": 200, \"maxWindows\": 500, \"maxFingerprints\": 100 } }");
        var bounded = new DetectionState(small);
        new ThreatDetector(small, bounded, ThreatRuleCatalog.Create(small)).Run(events);
        Console.WriteLine($"with caps 200 users / 500 windows / 100 fingerprints: {bounded.UserCount} users, {bounded.WindowCount} windows, {bounded.FingerprintCount} fingerprints, {DetectionStateStore.Serialize(bounded).Length / (1024.0 * 1024.0):0.00} MB");

        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "detect_events_per_s={0:0} state_mb={1:0.00} recall={2:0.00} precision={3:0.00}", best, stateMb, recall, precision));
        return 0;
    }

    private static bool Matches(OktaThreatFinding f, GroundTruthLabel label)
    {
        if (f.LastSeen < label.Start - TimeSpan.FromHours(1) || f.FirstSeen > label.End + TimeSpan.FromHours(13)) return false;
        if (label.UserId != null && f.UserId == label.UserId) return true;
        if (label.Login != null && string.Equals(f.Login, label.Login, StringComparison.OrdinalIgnoreCase)) return true;
        if (label.Ip != null && f.ClientIp == label.Ip) return true;
        return f.UserId == null && f.Login == null && f.ClientIp == null && f.Rule == label.Rule;
    }
}
