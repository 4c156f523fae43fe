using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using OktaIntegration.Core.Detection;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.SystemLog;
using Xunit;

namespace OktaIntegration.Tests.Detection;

/// <summary>
/// Claim: a finding is raised once per incident. A repeat of the same incident (an overlapping
/// run, an attack that goes on, the System Log delivering an event twice) is absorbed; a NEW
/// incident with the same key after the rule's quiet period (ThreatInsight's suppressMinutes,
/// two windows plus the late-event allowance for the windowed rules) is a new finding, with its
/// own SIEM id.
/// </summary>
public class FindingRepeatTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "finding-repeat-" + Guid.NewGuid().ToString("N"));

    public FindingRepeatTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static OktaEventBuilder Threat(TimeSpan at, string ip) =>
        OktaEventBuilder.At("security.threat.detected", at).Actor("unknown", "unknown").Client(ip).Asn(64500).Outcome("FAILURE", "Password Spray")
            .Debug("threatDetections", "{\"Password Spray\":\"MEDIUM\"}").Debug("threatSuspected", "true");

    private static IEnumerable<OktaEventBuilder> Lockouts(TimeSpan start, string login, int count) =>
        Enumerable.Range(0, count).Select(i => OktaEventBuilder.At("user.account.lock", start + TimeSpan.FromMinutes(20 * i))
            .Actor(login, "00ulocked").Client("198.51.100." + (10 + i)).Asn(64501).Outcome("FAILURE", "LOCKED_OUT"));

    private static List<OktaThreatFinding> Run(IEnumerable<OktaLogEvent> events, params string[] rules) =>
        DetectionTestKit.Run(events, DetectionSettings.CreateDefault(), rules);

    private List<OktaThreatFinding> RunWithState(string name, IEnumerable<OktaLogEvent> events) =>
        DetectionTestKit.RunWithState(Path.Combine(_dir, name), events, DetectionSettings.CreateDefault());

    private static string SiemId(OktaThreatFinding f)
    {
        using var doc = JsonDocument.Parse(ThreatFindingEvent.ToEventJson(f));
        return doc.RootElement.GetProperty("uuid").GetString()!;
    }

    [Fact]
    public void ThreatInsight_repeats_within_suppress_minutes_are_absorbed_and_a_later_detection_is_reported()
    {
        var events = OktaEventBuilder.Parse(new[]
        {
            Threat(TimeSpan.Zero, "203.0.113.50"),
            Threat(TimeSpan.FromMinutes(30), "203.0.113.50"), // within 60 minutes: the same incident
            Threat(TimeSpan.FromHours(5), "203.0.113.50"),     // hours of quiet, then again: documented "once per IP and severity per 60 minutes"
        });
        var found = Run(events, "ThreatInsight");
        Assert.Equal(2, found.Count);
        Assert.Equal(new[] { events[0].Uuid, events[2].Uuid }, found.Select(f => f.Evidence));
    }

    [Fact]
    public void BruteForce_lockouts_days_apart_are_two_incidents_and_one_attack_is_one_finding()
    {
        var events = OktaEventBuilder.Parse(Lockouts(TimeSpan.Zero, "victim@example.com", 4).Concat(Lockouts(TimeSpan.FromDays(2), "victim@example.com", 3)));
        var found = Run(events, "BruteForce");
        Assert.Equal(2, found.Count);
        Assert.All(found, f => Assert.Equal("victim@example.com", f.Login));
        Assert.True(found[1].FirstSeen >= OktaEventBuilder.T0 + TimeSpan.FromDays(2), found[1].ToString());
    }

    [Fact]
    public void Two_incidents_of_one_key_have_different_siem_ids_and_a_finding_written_again_keeps_its_id()
    {
        var events = OktaEventBuilder.Parse(Lockouts(TimeSpan.Zero, "victim@example.com", 3).Concat(Lockouts(TimeSpan.FromDays(2), "victim@example.com", 3)));
        var found = Run(events, "BruteForce");
        Assert.Equal(2, found.Count);
        Assert.NotEqual(SiemId(found[0]), SiemId(found[1]));
        // The same events again from the same (empty) state, as after a run stopped before saving: the same ids.
        var again = Run(events, "BruteForce");
        Assert.Equal(found.Select(SiemId), again.Select(SiemId));
    }

    [Fact]
    public void Overlapping_runs_sharing_a_state_file_report_each_incident_once()
    {
        var first = OktaEventBuilder.Parse(Lockouts(TimeSpan.Zero, "victim@example.com", 3).Append(Threat(TimeSpan.FromMinutes(10), "203.0.113.50")));
        var second = OktaEventBuilder.Parse(Lockouts(TimeSpan.FromDays(2), "victim@example.com", 3).Append(Threat(TimeSpan.FromDays(2), "203.0.113.50")));
        var run1 = RunWithState("s.json", first);
        Assert.Equal(new[] { "BruteForce", "ThreatInsight" }, run1.Select(f => f.Rule).OrderBy(r => r));
        // The next run reads its new events plus the whole first batch again (a lookback overlap).
        var run2 = RunWithState("s.json", first.Concat(second));
        Assert.Equal(new[] { "BruteForce", "ThreatInsight" }, run2.Select(f => f.Rule).OrderBy(r => r));
        Assert.All(run2, f => Assert.True(f.FirstSeen >= OktaEventBuilder.T0 + TimeSpan.FromDays(2), f.ToString()));
        // And a third run over everything again finds nothing new.
        Assert.Empty(RunWithState("s.json", first.Concat(second)));
    }

    [Fact]
    public void An_event_delivered_twice_does_not_count_twice_toward_a_threshold()
    {
        var two = Lockouts(TimeSpan.Zero, "victim@example.com", 2).ToList();
        // Three lockouts are the threshold; the second one delivered again (same uuid) is still two.
        var events = OktaEventBuilder.Parse(two.Append(two[1]));
        Assert.Empty(Run(events, "BruteForce"));
        var twoRuns = RunWithState("dup.json", OktaEventBuilder.Parse(two));
        Assert.Empty(twoRuns);
        Assert.Empty(RunWithState("dup.json", OktaEventBuilder.Parse(new[] { two[1] })));
    }

    private static IEnumerable<OktaEventBuilder> Spray(TimeSpan start, string ip, int users, int triesEach) =>
        Enumerable.Range(0, users * triesEach).Select(i => OktaEventBuilder.At("user.session.start", start + TimeSpan.FromSeconds(20 * i))
            .Actor($"target{i % users}@example.com").Client(ip, "Netherlands", "Amsterdam", 52.37, 4.89).Asn(64502).Outcome("FAILURE", "INVALID_CREDENTIALS"));

    private static OktaEventBuilder SignIn(TimeSpan at, string login, string ip) =>
        OktaEventBuilder.At("user.session.start", at).Actor(login, "00utarget0").Client(ip, "Netherlands", "Amsterdam", 52.37, 4.89).Asn(64502).Outcome("SUCCESS");

    [Fact]
    public void Attacker_signing_in_several_times_after_one_spray_is_one_takeover_finding()
    {
        var events = OktaEventBuilder.Parse(Spray(TimeSpan.Zero, "203.0.113.77", 6, 3)
            .Append(SignIn(TimeSpan.FromMinutes(20), "target0@example.com", "203.0.113.77"))
            .Append(SignIn(TimeSpan.FromMinutes(35), "target0@example.com", "203.0.113.77")));
        var found = Run(events, "PasswordSpray", "SuccessAfterAttack");
        var takeovers = found.Where(f => f.Rule == "SuccessAfterAttack").ToList();
        Assert.Single(takeovers);
        Assert.Equal("target0@example.com", takeovers[0].Login);
        Assert.Equal("203.0.113.77", takeovers[0].ClientIp);
        Assert.Contains(events[^2].Uuid, takeovers[0].GetEvidence());
    }
}
