using System;
using System.Collections.Generic;
using System.Globalization;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 7, success after a credential attack: a successful sign-in by a user whom a password
/// spray, distributed spray, credential stuffing or brute force (rules 3–6) targeted, within
/// <c>windowMinutes</c> (180) after an attempt, from an address that took part in the attack
/// (<c>requireAttackSource</c>, true: this is stricter than Elastic's user-only correlation and
/// keeps the targeted user's own ordinary sign-in from firing). Critical.
/// Checked when a run completes, over the targets and recent sign-ins kept in the state, so the
/// success may arrive before the attack's events (late delivery) or in a later run.
/// Needs rules 3–6 enabled in the same run (they leave the targets).
/// Source: Elastic's "successful sign-in after a credential attack" correlation (≤ 180 minutes).
/// One finding per user and attacking address: further successes from there within two windows are the same takeover.
/// State: the targets and the users' recent sign-ins across runs (H).
/// Known false positives: a user who forgot their password, then reset it and signed in from the
/// same shared address; with requireAttackSource off, every targeted user signing in normally.
/// </summary>
public sealed class SuccessAfterAttackRule : IThreatRule
{
    private readonly TimeSpan _window;
    private readonly bool _requireSource;

    public SuccessAfterAttackRule(DetectionSettings settings)
    {
        _window = settings.Minutes(Name, "windowMinutes");
        _requireSource = settings.Flag(Name, "requireAttackSource");
    }

    public string Name => "SuccessAfterAttack";

    public string Description => "A successful sign-in by a user a password attack targeted, from the attacker";

    /// <summary>The usual order: the attack first, then the success; checked as the success arrives.</summary>
    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        if (!DetectionEvents.IsSignInSuccess(e)) return;
        var targets = context.State.FindWindow(SuccessAfterAttackKeys.Prefix + DetectionState.UserKey(e.ActorAlternateId));
        if (targets == null || targets.Count == 0) return;
        var profile = context.State.FindProfile(e.ActorAlternateId);
        var signIn = new SignIn(DetectionEvents.Ms(e), e.Uuid, e.ClientIp, e.Country, e.City, e.Latitude, e.Longitude, e.AsNumber, e.IsProxy == true, e.UserAgent);
        Check(targets.Entries, signIn, profile?.Key ?? DetectionState.UserKey(e.ActorAlternateId), e.ActorId ?? profile?.UserId, e.ActorAlternateId, context);
    }

    /// <summary>The late order: a success already known when the attack's events arrive; checked when the run completes.</summary>
    public void Complete(DetectionContext context)
    {
        foreach (var kv in context.State.WindowsStartingWith(SuccessAfterAttackKeys.Prefix))
        {
            var attempts = kv.Value.Entries;
            if (attempts.Count == 0) continue;
            var profile = context.State.FindProfile(attempts[0].C);
            if (profile == null) continue;
            foreach (var s in profile.SignIns) Check(attempts, s, profile.Key, profile.UserId, profile.Login, context);
        }
    }

    private void Check(IReadOnlyList<WindowEntry> attempts, SignIn s, string key, string? userId, string? login, DetectionContext context)
    {
        var w = (long)_window.TotalMilliseconds;
        WindowEntry? matched = null;
        var rules = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var a in attempts)
        {
            if (s.TimeMs < a.TimeMs || s.TimeMs > a.TimeMs + w) continue;
            if (_requireSource && a.B != s.Ip) continue;
            matched ??= a;
            rules.Add(a.A ?? string.Empty);
            count++;
        }
        if (matched == null) return;
        var d = new ThreatFindingDraft
        {
            Rule = Name,
            // One takeover per user and attacking address: the attacker signing in again is the same incident.
            Fingerprint = $"{Name}|{key}|{s.Ip}",
            Suppress = TimeSpan.FromMilliseconds(2 * w) + context.State.LateEventAllowance,
            Title = "Successful sign-in after a credential attack",
            Severity = ThreatSeverity.Critical,
            Confidence = 0.9,
            UserId = userId,
            Login = login,
            ClientIp = s.Ip,
            Country = s.Country,
            Asn = s.Asn,
            FirstSeen = DetectionEvents.Time(matched.TimeMs),
            LastSeen = DetectionEvents.Time(s.TimeMs),
            EventCount = count + 1,
            Summary = string.Format(CultureInfo.InvariantCulture, "{0} signed in successfully from {1}{2} {3} after {4} failed attempt(s) from there ({5}).",
                login, s.Ip, DetectionEvents.Place(s.Country, s.Asn), DetectionEvents.Span(TimeSpan.FromMilliseconds(s.TimeMs - matched.TimeMs)),
                count, string.Join(", ", rules)),
            MitreTechnique = "T1078.004",
            Recommendation = "Treat the account as compromised: revoke its sessions and tokens, suspend it (Suspend-OktaUser), reset the password and factors, block the address.",
        };
        d.Evidence.Add(matched.Uuid);
        d.Evidence.Add(s.Uuid);
        context.Report(d);
    }
}
