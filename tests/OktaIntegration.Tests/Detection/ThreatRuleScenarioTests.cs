using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OktaIntegration.Core.Detection;
using OktaIntegration.Emulator.SystemLog.Scenarios;
using Xunit;

namespace OktaIntegration.Tests.Detection;

/// <summary>
/// Each rule over its own scenario (planted among benign traffic): it fires, the near-misses stay
/// quiet, and the attack is still caught when split across two runs sharing a state file and when
/// its events arrive late and out of order.
/// </summary>
public class ThreatRuleScenarioTests
{
    public static IEnumerable<object[]> AttackScenarios => ThreatScenarioGenerator.Attacks.Select(s => new object[] { s });

    public static IEnumerable<object[]> NearMissScenarios => ThreatScenarioGenerator.NearMisses.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(AttackScenarios))]
    public void Rule_finds_its_planted_attack(string scenario)
    {
        var g = DetectionTestKit.Build(scenario);
        var findings = DetectionTestKit.Run(DetectionTestKit.Parse(g.Events));
        foreach (var label in g.Labels.Where(l => l.IsAttack))
            Assert.True(DetectionTestKit.Found(findings, label), $"{label.Rule} did not find {scenario}. Findings: {string.Join(" | ", findings)}");
        // Nothing else: every finding is about the planted attack.
        Assert.All(findings, f => Assert.True(g.Labels.Any(l => l.IsAttack && DetectionTestKit.Matches(f, l)), $"Finding on benign traffic: {f}"));
    }

    [Theory]
    [MemberData(nameof(NearMissScenarios))]
    public void Near_miss_stays_quiet(string scenario)
    {
        var g = DetectionTestKit.Build(scenario);
        var findings = DetectionTestKit.Run(DetectionTestKit.Parse(g.Events));
        Assert.True(findings.Count == 0, $"{scenario} must not fire: {string.Join(" | ", findings)}");
    }

    [Theory]
    [MemberData(nameof(AttackScenarios))]
    public void Attack_split_across_two_runs_sharing_a_state_file_is_found_once(string scenario)
    {
        var g = DetectionTestKit.Build(scenario);
        var events = DetectionTestKit.Parse(g.Events);
        var label = g.Labels.First(l => l.IsAttack);
        // Split in the middle of the attack (or just before a one-event attack).
        var cut = label.Start + TimeSpan.FromTicks((label.End - label.Start).Ticks / 2);
        if (label.Start == label.End) cut = label.Start;
        var path = Path.Combine(Path.GetTempPath(), "threat-state-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var first = DetectionTestKit.RunWithState(path, events.Where(e => e.Published < cut));
            var second = DetectionTestKit.RunWithState(path, events.Where(e => e.Published >= cut));
            var all = first.Concat(second).ToList();
            foreach (var l in g.Labels.Where(l => l.IsAttack))
                Assert.True(DetectionTestKit.Found(all, l), $"{l.Rule} missed {scenario} split at {cut:o}. Findings: {string.Join(" | ", all)}");
            // Reading the second half again (an overlapping run) emits nothing new.
            var again = DetectionTestKit.RunWithState(path, events.Where(e => e.Published >= cut));
            Assert.Empty(again);
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".lock");
        }
    }

    [Theory]
    [MemberData(nameof(AttackScenarios))]
    public void Attack_delivered_late_and_out_of_order_is_found(string scenario)
    {
        var g = DetectionTestKit.Build(scenario);
        var events = DetectionTestKit.Parse(g.Events);
        var label = g.Labels.First(l => l.IsAttack);
        // The attack's events arrive reversed, after an hour of later events (Okta's late delivery).
        var from = label.Start - TimeSpan.FromMinutes(1);
        var to = label.End + TimeSpan.FromMinutes(1);
        var attack = events.Where(e => e.Published >= from && e.Published <= to).Reverse().ToList();
        var rest = events.Where(e => e.Published < from || e.Published > to).ToList();
        var lateAt = rest.FindIndex(e => e.Published > to + TimeSpan.FromHours(1));
        if (lateAt < 0) lateAt = rest.Count;
        rest.InsertRange(lateAt, attack);
        var findings = DetectionTestKit.Run(rest);
        foreach (var l in g.Labels.Where(l => l.IsAttack))
            Assert.True(DetectionTestKit.Found(findings, l), $"{l.Rule} missed {scenario} delivered late. Findings: {string.Join(" | ", findings)}");
    }

    /// <summary>Each windowed rule at its threshold fires, one above (one more event needed than planted) it stays quiet.</summary>
    [Theory]
    [InlineData("mfa-fatigue", "MfaPushFatigue", "minDenied", 7)]
    [InlineData("password-spray", "PasswordSpray", "minAttempts", 18)]
    [InlineData("password-spray", "PasswordSpray", "minUsers", 6)]
    [InlineData("distributed-spray", "DistributedPasswordSpray", "minAttempts", 30)]
    [InlineData("distributed-spray", "DistributedPasswordSpray", "minUsers", 10)]
    [InlineData("credential-stuffing", "CredentialStuffing", "minUsers", 30)]
    [InlineData("brute-force", "BruteForce", "minFailures", 12)]
    [InlineData("brute-force", "BruteForce", "minIps", 6)]
    [InlineData("brute-force-lockout", "BruteForce", "minLockouts", 3)]
    public void Fires_at_the_threshold_and_not_one_below(string scenario, string rule, string setting, int planted)
    {
        var g = DetectionTestKit.Build(scenario);
        // The planted events alone, so a benign mistyped password in the window cannot make up the difference.
        var events = DetectionTestKit.Parse(g.Events.Where(e => g.PlantedUuids.Contains(e.Uuid)));
        var label = g.Labels.First(l => l.Rule == rule);
        var at = DetectionTestKit.Run(events, DetectionTestKit.Settings($"{{ \"{rule}\": {{ \"{setting}\": {planted} }} }}"), rule);
        Assert.True(DetectionTestKit.Found(at, label), $"{rule} with {setting}={planted} missed {scenario}");
        var above = DetectionTestKit.Run(events, DetectionTestKit.Settings($"{{ \"{rule}\": {{ \"{setting}\": {planted + 1} }} }}"), rule);
        Assert.False(DetectionTestKit.Found(above, label), $"{rule} with {setting}={planted + 1} still fired on {scenario} with only {planted}");
    }

    [Fact]
    public void Impossible_travel_speed_threshold_is_configurable()
    {
        var g = DetectionTestKit.Build("impossible-travel");
        var events = DetectionTestKit.Parse(g.Events);
        var label = g.Labels.Single();
        Assert.True(DetectionTestKit.Found(DetectionTestKit.Run(events, null, "ImpossibleTravel"), label));
        // San Francisco..Moscow is about 9,400 km in at most 40 minutes: far below 10,000,000 km/h.
        Assert.False(DetectionTestKit.Found(DetectionTestKit.Run(events, DetectionTestKit.Settings("{ \"ImpossibleTravel\": { \"maxSpeedKmh\": 10000000 } }"), "ImpossibleTravel"), label));
    }

    [Fact]
    public void Vpn_hop_fires_without_the_asn_allow_list()
    {
        var g = DetectionTestKit.Build("vpn-hop");
        var findings = DetectionTestKit.Run(DetectionTestKit.Parse(g.Events), DetectionSettings.CreateDefault(), "ImpossibleTravel");
        Assert.Contains(findings, f => f.Rule == "ImpossibleTravel");
    }

    [Fact]
    public void Mfa_fatigue_followed_by_approval_is_critical()
    {
        var g = DetectionTestKit.Build("mfa-fatigue");
        var findings = DetectionTestKit.Run(DetectionTestKit.Parse(g.Events), null, "MfaPushFatigue");
        // Live order: the fifth denial reports High; the approval that follows escalates to Critical.
        Assert.Contains(findings, x => x.Severity == ThreatSeverity.High);
        var f = Assert.Single(findings, x => x.Severity == ThreatSeverity.Critical);
        Assert.Contains("7 MFA pushes denied", f.Summary);
        Assert.Equal(g.Labels[0].UserId, f.UserId);
    }

    [Fact]
    public void Mfa_reset_without_a_new_factor_is_raised_after_twelve_hours()
    {
        var g = DetectionTestKit.Build("mfa-reset");
        var findings = DetectionTestKit.Run(DetectionTestKit.Parse(g.Events), null, "MfaFactorReset");
        Assert.Contains(findings, f => f.Title == "MFA reset by an admin" && f.Severity == ThreatSeverity.Medium);
        Assert.Contains(findings, f => f.Title == "MFA reset and no new factor enrolled" && f.Severity == ThreatSeverity.High);
    }
}
