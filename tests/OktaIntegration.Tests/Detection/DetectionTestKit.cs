using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OktaIntegration.Core.Detection;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Emulator.SystemLog.Scenarios;

namespace OktaIntegration.Tests.Detection;

/// <summary>Scenario streams from the emulator's generator, parsed by the real page parser, run through the real detector.</summary>
internal static class DetectionTestKit
{
    public static readonly long End = DateTimeOffset.Parse("2026-06-20T00:00:00Z").ToUnixTimeMilliseconds();
    public static readonly long Start = End - (long)TimeSpan.FromDays(11).TotalMilliseconds;

    public static IReadOnlyList<ScenarioUser> Users(int count = 70) =>
        Enumerable.Range(0, count).Select(i => new ScenarioUser($"00u{i:D17}", $"user{i}@example.com", $"User {i}")).ToArray();

    public static ThreatScenarioGenerator Build(params string[] scenarios) => ThreatScenarioGenerator.Build(7, Users(), Start, End, scenarios);

    public static List<OktaLogEvent> Parse(IEnumerable<ScenarioEvent> events)
    {
        using var page = new MemoryStream();
        page.WriteByte((byte)'[');
        var first = true;
        foreach (var e in events)
        {
            if (!first) page.WriteByte((byte)',');
            first = false;
            page.Write(e.Json, 0, e.Json.Length);
        }
        page.WriteByte((byte)']');
        return LogPageParser.Parse(page.ToArray());
    }

    public static DetectionSettings Settings(string? extraJson = null)
    {
        if (extraJson == null) return DetectionSettings.FromJson(ThreatScenarioGenerator.RecommendedSettingsJson);
        // Merge: the recommended allow-lists plus the test's overrides.
        var merged = ThreatScenarioGenerator.RecommendedSettingsJson.TrimEnd().TrimEnd('}') + ", " + extraJson.Trim().TrimStart('{');
        return DetectionSettings.FromJson(merged);
    }

    public static List<OktaThreatFinding> Run(IEnumerable<OktaLogEvent> events, DetectionSettings? settings = null, params string[] rules)
    {
        settings ??= Settings();
        var detector = new ThreatDetector(settings, new DetectionState(settings, "https://test.okta.com"), ThreatRuleCatalog.Create(settings, rules));
        return detector.Run(events);
    }

    /// <summary>Runs a batch against a state file (opened, used, saved, closed), as one scheduled run.</summary>
    public static List<OktaThreatFinding> RunWithState(string path, IEnumerable<OktaLogEvent> events, DetectionSettings? settings = null, params string[] rules)
    {
        settings ??= Settings();
        using var store = DetectionStateStore.Open(path, "https://test.okta.com", settings);
        var found = new ThreatDetector(settings, store.State, ThreatRuleCatalog.Create(settings, rules)).Run(events);
        store.Save();
        return found;
    }

    /// <summary>True when the finding is about the label's user or address and its time.</summary>
    public static bool Matches(OktaThreatFinding f, GroundTruthLabel label)
    {
        var slack = TimeSpan.FromHours(1);
        if (f.LastSeen < label.Start - slack || f.FirstSeen > label.End + TimeSpan.FromHours(13)) return false;
        if (label.UserId != null && f.UserId == label.UserId) return true;
        if (label.Login != null && string.Equals(f.Login, label.Login, StringComparison.OrdinalIgnoreCase)) return true;
        if (label.Ip != null && f.ClientIp == label.Ip) return true;
        return f.UserId == null && f.Login == null && f.ClientIp == null && f.Rule == label.Rule;
    }

    public static bool Found(IEnumerable<OktaThreatFinding> findings, GroundTruthLabel label) =>
        findings.Any(f => f.Rule == label.Rule && Matches(f, label));
}
