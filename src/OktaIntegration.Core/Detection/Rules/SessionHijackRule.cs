using System;
using System.Collections.Generic;
using System.Globalization;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 11, session hijack or cookie replay: one Okta session (<c>externalSessionId</c>, else
/// <c>rootSessionId</c>) used from a new address together with a different user agent, or with a
/// non-browser client (curl, python-requests, Go-http-client…), within <c>windowMinutes</c> (30).
/// High. The device token hash (<c>debugData.dtHash</c>) is not part of the key — a replayed
/// cookie jar carries it along — but a change of hash in the session is named in the summary.
/// The reported address is the non-browser side, else the later one.
/// A new address with the same user agent (Wi-Fi to mobile data) is not a hijack.
/// Only the events where the session's holder uses it count, as in the catalogs: sign-in
/// (<c>user.session.start</c>), single sign-on to an app (<c>user.authentication.sso</c>) and the
/// sign-on policy's evaluation (<c>policy.evaluate_sign_on</c>), each with outcome SUCCESS or ALLOW.
/// Other events of a session can carry another party's address and client (Okta's own servers and
/// user agent for some integrations, as Panther's rule notes; an app's back end), which is not a
/// second holder of the cookie: counted, such an event would make a High finding, with advice to
/// revoke the user's sessions, out of ordinary use. Events of the Admin Console's client are
/// skipped for the same reason, as Panther does.
/// Source: Panther Okta.PotentiallyStolenSession (session + dtHash cached 24 h, new IP and a
/// different user agent); Elastic's AiTM rule (replay from another IP or user agent with a
/// non-browser client within 30 minutes); Splunk (per dtHash, more than one IP and OS).
/// State: each session's first uses across runs (W).
/// Known false positives: a browser upgrade in the middle of a session while changing networks; VPN toggling with a desktop app.
/// </summary>
public sealed class SessionHijackRule : IThreatRule
{
    /// <summary>The events in which whoever holds the session's cookie uses it (see the class summary).</summary>
    private static readonly HashSet<string> SessionUses = new(StringComparer.Ordinal) { "user.session.start", "user.authentication.sso", "policy.evaluate_sign_on" };

    /// <summary>The Okta Admin Console's client id, as Panther's Okta.PotentiallyStolenSession skips it: its events may show Okta's own addresses and user agent.</summary>
    private const string AdminConsoleClientId = "okta.b58d5b75-07d4-5f25-bf59-368a1261a405";

    private readonly TimeSpan _window;

    public SessionHijackRule(DetectionSettings settings)
    {
        _window = settings.Minutes(Name, "windowMinutes");
    }

    public string Name => "SessionHijack";

    public string Description => "One session used from a new address with a different or scripted client";

    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        if (e.EventType == null || !SessionUses.Contains(e.EventType) || e.ClientId == AdminConsoleClientId) return;
        var session = e.SessionId ?? e.RootSessionId;
        if (session == null || e.ClientIp == null || e.ActorType != "User" || (e.Outcome != "SUCCESS" && e.Outcome != "ALLOW")) return;
        if (session.Length == 0 || session == "unknown") return;
        var window = context.State.Window($"{Name}|{session}", _window);
        var t = DetectionEvents.Ms(e);
        var w = (long)_window.TotalMilliseconds;
        var ua = e.UserAgent ?? string.Empty;
        foreach (var x in window.Entries)
        {
            if (x.A == e.ClientIp && x.B == ua && Math.Abs(x.TimeMs - t) <= w) return; // a use already known
        }
        var entry = new WindowEntry(t, e.Uuid, e.ClientIp, ua, e.DeviceTokenHash, e.AsNumber ?? 0);
        if (!context.State.Add(window, entry)) return;
        foreach (var other in window.Entries)
        {
            if (other == entry || Math.Abs(other.TimeMs - t) > w || other.A == e.ClientIp) continue;
            if (context.AllowList.IsTrustedIp(other.A) && context.AllowList.IsTrustedIp(e.ClientIp)) continue;
            var scripted = DetectionEvents.IsNonBrowser(ua) || DetectionEvents.IsNonBrowser(other.B);
            if (!scripted && other.B == ua) continue;
            var (bad, good) = DetectionEvents.IsNonBrowser(other.B) && !DetectionEvents.IsNonBrowser(ua)
                ? (other, entry)
                : DetectionEvents.IsNonBrowser(ua) ? (entry, other) : (other.TimeMs > t ? (other, entry) : (entry, other));
            var dtChanged = other.C != null && entry.C != null && other.C != entry.C;
            var d = new ThreatFindingDraft
            {
                Rule = Name,
                Fingerprint = $"{Name}|{session}",
                Suppress = TimeSpan.FromMilliseconds(2 * w) + context.State.LateEventAllowance,
                Title = "Session hijack or cookie replay",
                Severity = ThreatSeverity.High,
                Confidence = scripted ? 0.85 : 0.6,
                UserId = e.ActorId,
                Login = e.ActorAlternateId,
                ClientIp = bad.A,
                Country = bad == entry ? e.Country : null,
                Asn = bad.N == 0 ? null : bad.N,
                FirstSeen = DetectionEvents.Time(Math.Min(t, other.TimeMs)),
                LastSeen = DetectionEvents.Time(Math.Max(t, other.TimeMs)),
                EventCount = 2,
                Summary = string.Format(CultureInfo.InvariantCulture,
                    "The session of {0} from {1} ({2}) was used {3} later from {4}{5} with {6}{7}.",
                    e.ActorAlternateId, good.A, Short(good.B), DetectionEvents.Span(TimeSpan.FromMilliseconds(Math.Abs(t - other.TimeMs))),
                    bad.A, bad.N == 0 ? string.Empty : string.Format(CultureInfo.InvariantCulture, " (AS {0})", bad.N), Short(bad.B),
                    dtChanged ? ", and a different device token" : string.Empty),
                MitreTechnique = "T1550.004",
                Recommendation = "Revoke the user's sessions now (Revoke-OktaUserSession -IncludeOAuthTokens), block the address, and look for a phishing proxy or infostealer on the user's device.",
            };
            d.Evidence.Add(good.Uuid);
            d.Evidence.Add(bad.Uuid);
            context.Report(d);
            return;
        }
    }

    private static string Short(string? ua) =>
        string.IsNullOrEmpty(ua) ? "no user agent" : ua!.Length <= 40 ? ua : ua.Substring(0, 40) + "…";

    public void Complete(DetectionContext context)
    {
    }
}
