using System;
using System.Globalization;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 2, MFA push fatigue: for one user, <c>minDenied</c> (5) or more denied or unanswered Okta
/// Verify pushes (<c>user.mfa.okta_verify.deny_push</c>, or a failed
/// <c>user.authentication.auth_via_mfa</c> with a push factor) within <c>windowMinutes</c> (10).
/// High; Critical when a successful MFA or sign-in by the same user follows the fifth denial
/// within the window — the user gave in.
/// Windows are per user and by event time; a success seen before the denials (out of order) is
/// found again in the user's recent sign-ins and in the window of MFA successes.
/// Source: Elastic (sequence by user, maxspan 10 m, 5 denies, "potentially successful" variant);
/// Sentinel counts more than 10 pushes per session in an hour; Chronicle 2 rejects in 10 minutes.
/// State: the open window across runs (W).
/// Known false positives: a user retrying on a phone with bad reception; the Critical variant is far more reliable.
/// </summary>
public sealed class MfaPushFatigueRule : IThreatRule
{
    private readonly int _minDenied;
    private readonly TimeSpan _window;

    public MfaPushFatigueRule(DetectionSettings settings)
    {
        _minDenied = Math.Max(1, settings.Integer(Name, "minDenied"));
        _window = settings.Minutes(Name, "windowMinutes");
    }

    public string Name => "MfaPushFatigue";

    public string Description => "Many Okta Verify pushes denied or ignored by one user, maybe then approved";

    private static bool IsDenied(OktaLogEvent e) =>
        e.EventType == "user.mfa.okta_verify.deny_push" ||
        (e.EventType == "user.authentication.auth_via_mfa" && e.Outcome == "FAILURE" && e.Factor != null && e.Factor.IndexOf("PUSH", StringComparison.OrdinalIgnoreCase) >= 0);

    private static bool IsSuccess(OktaLogEvent e) =>
        e.Outcome == "SUCCESS" && (e.EventType == "user.authentication.auth_via_mfa" || e.EventType == "user.authentication.verify" || e.EventType == "user.session.start");

    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        var login = e.ActorAlternateId;
        if (login == null || e.EventType == null || !e.EventType.StartsWith("user.", StringComparison.Ordinal)) return;
        if (IsDenied(e))
        {
            var key = DetectionState.UserKey(login);
            var denies = context.State.Window($"{Name}|deny|{key}", _window);
            if (!context.State.Add(denies, new WindowEntry(DetectionEvents.Ms(e), e.Uuid, e.ClientIp, e.ActorId, e.Country, e.AsNumber ?? 0))) return;
            Evaluate(login, key, denies, context);
        }
        else if (IsSuccess(e) && e.EventType != "user.session.start")
        {
            var key = DetectionState.UserKey(login);
            // Kept even before any denial: the denials may arrive after it (late delivery) and find it here.
            // Sign-ins are already kept in the profile.
            var ok = context.State.Window($"{Name}|ok|{key}", _window);
            context.State.Add(ok, new WindowEntry(DetectionEvents.Ms(e), e.Uuid, e.ClientIp, e.ActorId, e.Country, e.AsNumber ?? 0));
            var denies = context.State.FindWindow($"{Name}|deny|{key}");
            if (denies == null || denies.Count == 0) return;
            Evaluate(login, key, denies, context);
        }
        else if (e.EventType == "user.session.start" && e.Outcome == "SUCCESS")
        {
            var key = DetectionState.UserKey(login);
            var denies = context.State.FindWindow($"{Name}|deny|{key}");
            if (denies != null && denies.Count >= _minDenied) Evaluate(login, key, denies, context, e);
        }
    }

    private void Evaluate(string login, string key, EventWindow denies, DetectionContext context, OktaLogEvent? signIn = null)
    {
        var entries = denies.Entries;
        var w = (long)_window.TotalMilliseconds;
        for (int i = 0, j = 0; i < entries.Count; i++)
        {
            if (j < i) j = i;
            while (j + 1 < entries.Count && entries[j + 1].TimeMs - entries[i].TimeMs <= w) j++;
            var count = j - i + 1;
            if (count < _minDenied) continue;
            var first = entries[i];
            var last = entries[j];
            var nth = entries[i + _minDenied - 1];
            var success = FindSuccess(key, nth.TimeMs, last.TimeMs + w, context, signIn);
            var d = new ThreatFindingDraft
            {
                Rule = Name,
                Fingerprint = success == null ? $"{Name}|{key}" : $"{Name}|{key}|approved",
                Suppress = TimeSpan.FromMilliseconds(2 * w) + context.State.LateEventAllowance,
                Title = success == null ? "MFA push fatigue" : "MFA push fatigue, then approved",
                Severity = success == null ? ThreatSeverity.High : ThreatSeverity.Critical,
                Confidence = success == null ? 0.6 : 0.9,
                UserId = first.B,
                Login = login,
                ClientIp = success?.A ?? last.A,
                Country = success?.C ?? last.C,
                Asn = (success?.N ?? last.N) is var n && n != 0 ? n : (long?)null,
                FirstSeen = DetectionEvents.Time(first.TimeMs),
                LastSeen = DetectionEvents.Time(Math.Max(last.TimeMs, success?.TimeMs ?? 0)),
                EventCount = count + (success == null ? 0 : 1),
                MitreTechnique = "T1621",
            };
            for (var k = i; k <= j; k++) d.Evidence.Add(entries[k].Uuid);
            var span = DetectionEvents.Span(TimeSpan.FromMilliseconds(last.TimeMs - first.TimeMs));
            if (success == null)
            {
                d.Summary = string.Format(CultureInfo.InvariantCulture, "{0} MFA pushes denied or ignored by {1} in {2}, last from {3}{4}.",
                    count, login, span, last.A, DetectionEvents.Place(last.C, last.N == 0 ? null : last.N));
                d.Recommendation = "Call the user: if they did not start these sign-ins, their password is known; reset it and revoke their sessions.";
            }
            else
            {
                d.Evidence.Add(success.Uuid);
                d.Summary = string.Format(CultureInfo.InvariantCulture, "{0} MFA pushes denied in {1}, then approved from {2}{3} for {4}.",
                    count, span, success.A, DetectionEvents.Place(success.C, success.N == 0 ? null : success.N), login);
                d.Recommendation = "Treat the account as taken over: revoke its sessions and tokens (Revoke-OktaUserSession -IncludeOAuthTokens), suspend it, reset password and factors.";
            }
            if (success != null)
            {
                // The plain finding is part of the story; report the approved one alone when first seen together.
                context.State.TryEmit($"{Name}|{key}", d.FirstSeen.ToUnixTimeMilliseconds(), d.LastSeen.ToUnixTimeMilliseconds(), d.Suppress);
            }
            context.Report(d);
            return;
        }
    }

    private WindowEntry? FindSuccess(string key, long afterMs, long untilMs, DetectionContext context, OktaLogEvent? signIn)
    {
        if (signIn != null)
        {
            var t = DetectionEvents.Ms(signIn);
            if (t > afterMs && t <= untilMs) return new WindowEntry(t, signIn.Uuid, signIn.ClientIp, signIn.ActorId, signIn.Country, signIn.AsNumber ?? 0);
        }
        var ok = context.State.FindWindow($"{Name}|ok|{key}");
        if (ok != null)
        {
            foreach (var s in ok.Entries) if (s.TimeMs > afterMs && s.TimeMs <= untilMs) return s;
        }
        var profile = context.State.FindProfile(key);
        if (profile != null)
        {
            foreach (var s in profile.SignIns)
                if (s.TimeMs > afterMs && s.TimeMs <= untilMs) return new WindowEntry(s.TimeMs, s.Uuid, s.Ip, profile.UserId, s.Country, s.Asn ?? 0);
        }
        return null;
    }

    public void Complete(DetectionContext context)
    {
    }
}
