using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OktaIntegration.Core.Detection;
using OktaIntegration.Core.SystemLog;
using Xunit;

namespace OktaIntegration.Tests.Detection;

/// <summary>
/// Claim: events that arrive out of order, within the late-event allowance (lateEventMinutes,
/// 120), give the same findings as the same events in order, in one run or split across two runs
/// that share a state file.
/// </summary>
public class LateEventTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "late-events-" + Guid.NewGuid().ToString("N"));

    public LateEventTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<OktaThreatFinding> Run(IEnumerable<OktaLogEvent> events, params string[] rules) =>
        DetectionTestKit.Run(events, DetectionSettings.CreateDefault(), rules);

    private List<OktaThreatFinding> RunWithState(IEnumerable<OktaLogEvent> events, params string[] rules) =>
        DetectionTestKit.RunWithState(Path.Combine(_dir, "state.json"), events, DetectionSettings.CreateDefault(), rules);

    private static string Describe(IEnumerable<OktaThreatFinding> found) => string.Join(" | ", found);

    [Fact]
    public void Push_fatigue_approved_by_an_mfa_success_that_arrives_before_the_denials_is_still_critical()
    {
        var denies = Enumerable.Range(0, 5).Select(i => OktaEventBuilder.At("user.mfa.okta_verify.deny_push", TimeSpan.FromMinutes(i))
            .Actor("fay@example.com", "00ufay").Client("203.0.113.80").Outcome("FAILURE", "INVALID_CREDENTIALS"));
        var approved = OktaEventBuilder.At("user.authentication.auth_via_mfa", TimeSpan.FromMinutes(6)).Actor("fay@example.com", "00ufay").Client("203.0.113.80")
            .Outcome("SUCCESS").Debug("factor", "OKTA_VERIFY_PUSH");
        // In order, the fifth denial is reported (High), then the approval (Critical).
        var inOrder = Run(OktaEventBuilder.Parse(denies.Append(approved)), "MfaPushFatigue");
        Assert.Contains(inOrder, f => f.Severity == ThreatSeverity.Critical);
        var successFirst = Run(OktaEventBuilder.Parse(denies.Prepend(approved)), "MfaPushFatigue");
        Assert.True(successFirst.Count == 1 && successFirst[0].Severity == ThreatSeverity.Critical, Describe(successFirst));
    }

    [Fact]
    public void New_factor_activated_before_the_twelve_hours_but_delivered_late_in_the_next_run_is_no_unenrolled_finding()
    {
        var reset = OktaEventBuilder.At("user.mfa.factor.reset_all", TimeSpan.Zero).Actor("helpdesk@example.com", "00uhelp").Client("192.0.2.20").Outcome("SUCCESS")
            .Target("User", "00ugus", "gus@example.com", "Gus");
        // Other traffic moves event time past the 12 hours in the first run ...
        var traffic = OktaEventBuilder.At("user.session.start", TimeSpan.FromHours(12.5)).Actor("other@example.com", "00uother").Client("192.0.2.21").Outcome("SUCCESS");
        // ... while the activation at 11.5 h is delivered 60 minutes late, in the next run.
        var activate = OktaEventBuilder.At("user.mfa.factor.activate", TimeSpan.FromHours(11.5)).Actor("gus@example.com", "00ugus").Client("192.0.2.22").Outcome("SUCCESS")
            .Target("User", "00ugus", "gus@example.com", "Gus");
        var later = OktaEventBuilder.At("user.session.start", TimeSpan.FromHours(15)).Actor("other@example.com", "00uother").Client("192.0.2.21").Outcome("SUCCESS");

        var oneRun = Run(OktaEventBuilder.Parse(new[] { reset, activate, traffic, later }), "MfaFactorReset");
        Assert.DoesNotContain(oneRun, f => f.Title.Contains("no new factor", StringComparison.Ordinal));

        var first = RunWithState(OktaEventBuilder.Parse(new[] { reset, traffic }), "MfaFactorReset");
        var second = RunWithState(OktaEventBuilder.Parse(new[] { activate, later }), "MfaFactorReset");
        var split = first.Concat(second).ToList();
        Assert.True(!split.Any(f => f.Title.Contains("no new factor", StringComparison.Ordinal)), Describe(split));
        Assert.Equal(oneRun.Select(f => f.Title), split.Select(f => f.Title));
    }

    [Fact]
    public void Reset_without_a_new_factor_is_still_raised_once_the_late_allowance_has_passed()
    {
        var reset = OktaEventBuilder.At("user.mfa.factor.reset_all", TimeSpan.Zero).Actor("helpdesk@example.com", "00uhelp").Client("192.0.2.20").Outcome("SUCCESS")
            .Target("User", "00ugus", "gus@example.com", "Gus");
        var traffic = OktaEventBuilder.At("user.session.start", TimeSpan.FromHours(14.5)).Actor("other@example.com", "00uother").Client("192.0.2.21").Outcome("SUCCESS");
        var found = Run(OktaEventBuilder.Parse(new[] { reset, traffic }), "MfaFactorReset");
        var unenrolled = Assert.Single(found, f => f.Title.Contains("no new factor", StringComparison.Ordinal));
        Assert.Equal(ThreatSeverity.High, unenrolled.Severity);
        Assert.Equal("00ugus", unenrolled.UserId);
    }
}
