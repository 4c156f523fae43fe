using System;
using System.Globalization;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 10, MFA factors reset or deactivated: <c>user.mfa.factor.reset_all</c>,
/// <c>user.mfa.factor.deactivate</c>, <c>user.mfa.factor.suspend</c> (per user) and
/// <c>system.mfa.factor.deactivate</c> (a factor turned off for the whole org, High). Who did it decides the severity:
/// Okta support (actor system@okta.com, or no transaction, user agent or geography) High; an
/// admin (actor is not the user) Medium; the user themself (actor is the target, or the outcome
/// reason says "User reset") is not reported at once. Security-question resets are ignored.
/// When the user activates no new factor (<c>user.mfa.factor.activate</c>) within
/// <c>reenrolWithinHours</c> (12), a second finding one level higher is reported — the account is
/// left without MFA. That check runs when a run completes and the event time has moved 12 h on,
/// plus the late-event allowance (<c>lateEventMinutes</c>), so an activation delivered late still counts.
/// Source: Elastic (single event; and sequence by target over 12 h with no activation, excluding
/// security-question resets); Panther separates self from admin resets and flags Okta support resets.
/// State: the pending resets and recent activations across runs (H).
/// Known false positives: help-desk resets for a lost phone, followed by enrolment the next day.
/// </summary>
public sealed class MfaFactorResetRule : IThreatRule
{
    private readonly TimeSpan _reenrol;

    public MfaFactorResetRule(DetectionSettings settings)
    {
        _reenrol = TimeSpan.FromHours(settings.Number(Name, "reenrolWithinHours"));
    }

    public string Name => "MfaFactorReset";

    public string Description => "MFA factors reset or deactivated (self, admin or Okta support), and not re-enrolled";

    private string PendingPrefix => Name + "|pending|";

    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        if (e.EventType == "user.mfa.factor.activate" && e.Outcome != "FAILURE")
        {
            var login = e.TargetType == "User" ? e.TargetAlternateId : e.ActorAlternateId;
            if (login == null) return;
            var window = context.State.Window($"{Name}|activate|{DetectionState.UserKey(login)}", _reenrol + _reenrol);
            context.State.Add(window, new WindowEntry(DetectionEvents.Ms(e), e.Uuid));
            return;
        }
        var perUser = e.EventType == "user.mfa.factor.reset_all" || e.EventType == "user.mfa.factor.deactivate" || e.EventType == "user.mfa.factor.suspend";
        var orgWide = e.EventType == "system.mfa.factor.deactivate";
        if (!perUser && !orgWide) return;
        if (e.Outcome != null && e.Outcome != "SUCCESS") return;
        if (SingleEvent.Contains(e.DisplayMessage, "security question") || SingleEvent.Contains(SingleEvent.Debug(e, "factor"), "SECURITY_QUESTION")
            || SingleEvent.Contains(e.Factor, "SECURITY_QUESTION")) return;

        var d = SingleEvent.Draft(Name, e);
        d.MitreTechnique = "T1556.006";
        if (orgWide)
        {
            d.Title = "MFA factor deactivated for the org";
            d.Severity = ThreatSeverity.High;
            d.Confidence = 0.6;
            d.Summary = string.Format(CultureInfo.InvariantCulture, "{0} deactivated the factor {1} for the whole org from {2}{3}.",
                SingleEvent.Who(e), e.TargetDisplayName ?? "(unnamed)", e.ClientIp, DetectionEvents.Place(e.Country, e.AsNumber));
            d.Recommendation = "Confirm the change with the security team; re-activate the factor if it was not planned.";
            context.Report(d);
            return;
        }

        var targetLogin = e.TargetType == "User" ? e.TargetAlternateId : e.ActorAlternateId;
        var targetId = e.TargetType == "User" ? e.TargetId : e.ActorId;
        if (targetLogin == null) return;
        var support = string.Equals(e.ActorAlternateId, "system@okta.com", StringComparison.OrdinalIgnoreCase)
            || (e.TransactionId == "unknown" && e.UserAgent == null && e.Country == null);
        var self = !support && (e.ActorId != null && e.ActorId == targetId || (e.OutcomeReason?.StartsWith("User reset", StringComparison.OrdinalIgnoreCase) ?? false));
        var who = support ? "support" : self ? "self" : "admin";
        var severity = support ? ThreatSeverity.High : self ? ThreatSeverity.Low : ThreatSeverity.Medium;

        var pending = context.State.Window(PendingPrefix + DetectionState.UserKey(targetLogin), _reenrol + _reenrol);
        context.State.Add(pending, new WindowEntry(DetectionEvents.Ms(e), e.Uuid, who, SingleEvent.Who(e), targetId, (long)severity));
        if (self) return; // the user's own reset is normal; only its aftermath (no new factor) is reported

        d.UserId = targetId;
        d.Login = targetLogin;
        d.Title = support ? "MFA reset by Okta support" : "MFA reset by an admin";
        d.Severity = severity;
        d.Confidence = 0.5;
        d.Summary = string.Format(CultureInfo.InvariantCulture, "{0} {1} the MFA factors of {2} ({3}) from {4}{5}.",
            support ? "Okta support" : SingleEvent.Who(e), e.EventType == "user.mfa.factor.suspend" ? "suspended" : "reset", targetLogin, e.EventType,
            e.ClientIp ?? "no address", DetectionEvents.Place(e.Country, e.AsNumber));
        d.Recommendation = "Confirm the reset with the user through a known channel; if they did not ask for it, revoke their sessions and re-verify their identity before enrolment.";
        context.Report(d);
    }

    public void Complete(DetectionContext context)
    {
        var now = context.State.WatermarkMs;
        var w = (long)_reenrol.TotalMilliseconds;
        // An activation inside the 12 hours may still arrive late: judge only once the allowance for late events has passed too.
        var due = w + (long)context.State.LateEventAllowance.TotalMilliseconds;
        foreach (var kv in context.State.WindowsStartingWith(PendingPrefix))
        {
            var key = kv.Key.Substring(PendingPrefix.Length);
            var activations = context.State.FindWindow($"{Name}|activate|{key}");
            foreach (var reset in kv.Value.Entries.ToArrayCopy())
            {
                if (now < reset.TimeMs + due) continue;
                var reenrolled = false;
                if (activations != null)
                {
                    foreach (var a in activations.Entries)
                    {
                        if (a.TimeMs > reset.TimeMs && a.TimeMs <= reset.TimeMs + w)
                        {
                            reenrolled = true;
                            break;
                        }
                    }
                }
                kv.Value.Remove(x => x.Uuid == reset.Uuid);
                if (reenrolled) continue;
                var severity = SingleEvent.Raise((ThreatSeverity)reset.N);
                var profile = context.State.FindProfile(key);
                var d = new ThreatFindingDraft
                {
                    Rule = Name,
                    Fingerprint = $"{Name}|unenrolled|{reset.Uuid}",
                    Title = "MFA reset and no new factor enrolled",
                    Severity = severity,
                    Confidence = 0.6,
                    UserId = reset.C ?? profile?.UserId,
                    Login = profile?.Login ?? key,
                    FirstSeen = DetectionEvents.Time(reset.TimeMs),
                    LastSeen = DetectionEvents.Time(reset.TimeMs),
                    EventCount = 1,
                    Summary = string.Format(CultureInfo.InvariantCulture, "The MFA factors of {0} were reset ({1}, by {2}) and no new factor was activated within {3}.",
                        profile?.Login ?? key, reset.A, reset.B, DetectionEvents.Span(_reenrol)),
                    MitreTechnique = "T1556.006",
                    Recommendation = "The account has no MFA: contact the user, enrol a factor under supervision, or suspend the account until then (Suspend-OktaUser).",
                };
                d.Evidence.Add(reset.Uuid);
                context.Report(d);
            }
            if (kv.Value.Count == 0) context.State.RemoveWindow(kv.Key);
        }
    }
}

internal static class WindowEntryListExtensions
{
    public static WindowEntry[] ToArrayCopy(this System.Collections.Generic.IReadOnlyList<WindowEntry> entries)
    {
        var copy = new WindowEntry[entries.Count];
        for (var i = 0; i < copy.Length; i++) copy[i] = entries[i];
        return copy;
    }
}
