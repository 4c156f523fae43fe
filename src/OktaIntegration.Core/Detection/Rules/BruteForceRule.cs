using System;
using System.Globalization;
using System.Linq;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 6, brute force on one user: <c>minLockouts</c> (3) or more <c>user.account.lock</c> events
/// for one user within <c>lockoutWindowMinutes</c> (180), or <c>minFailures</c> (10) or more failed
/// authentications for one user from <c>minIps</c> (5) or more addresses within
/// <c>failureWindowMinutes</c> (30). High. The user is remembered as a target for SuccessAfterAttack.
/// Source: Elastic (≥ 3 account locks per user in 3 h; multi-source brute force: per user in
/// 30 min, ≥ 5 IPs and ≥ 10 attempts); Panther Standard.BruteForceByUser and Splunk use similar counts.
/// Failures from allow-listed addresses and ASNs do not count (as in the other credential rules);
/// lockouts count wherever they come from: the account is locked either way.
/// State: the user's open windows across runs (W).
/// Known false positives: a user with a stale password on several devices (phone, laptop, mail client).
/// </summary>
public sealed class BruteForceRule : IThreatRule
{
    private readonly int _minLockouts;
    private readonly TimeSpan _lockWindow;
    private readonly int _minFailures;
    private readonly int _minIps;
    private readonly TimeSpan _failWindow;

    public BruteForceRule(DetectionSettings settings)
    {
        _minLockouts = settings.Integer(Name, "minLockouts");
        _lockWindow = settings.Minutes(Name, "lockoutWindowMinutes");
        _minFailures = settings.Integer(Name, "minFailures");
        _minIps = settings.Integer(Name, "minIps");
        _failWindow = settings.Minutes(Name, "failureWindowMinutes");
    }

    public string Name => "BruteForce";

    public string Description => "Repeated lockouts of one user, or many failures for one user from many addresses";

    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        if (e.ActorAlternateId == null || (e.Outcome != "FAILURE" && e.EventType != "user.account.lock")) return;
        var login = e.ActorAlternateId;
        var key = DetectionState.UserKey(login);
        if (e.EventType == "user.account.lock")
        {
            var window = context.State.Window($"{Name}|lock|{key}", _lockWindow);
            var entry = CredentialWindow.Entry(e);
            if (!context.State.Add(window, entry)) return;
            var hit = CredentialWindow.Find(window, entry.TimeMs, _lockWindow, _minLockouts, s => s.Attempts >= _minLockouts);
            if (hit is { } h) Report(e, context, window, h.From, h.To, h.Stats, locked: true);
        }
        else if (DetectionEvents.IsCredentialFailure(e) && !context.AllowList.IsTrustedIp(e.ClientIp) && !context.AllowList.IsTrustedAsn(e.AsNumber))
        {
            var window = context.State.Window($"{Name}|fail|{key}", _failWindow);
            var entry = CredentialWindow.Entry(e);
            if (!context.State.Add(window, entry)) return;
            var hit = CredentialWindow.Find(window, entry.TimeMs, _failWindow, _minFailures, s => s.Attempts >= _minFailures && s.Ips >= _minIps);
            if (hit is { } h) Report(e, context, window, h.From, h.To, h.Stats, locked: false);
        }
    }

    private void Report(OktaLogEvent e, DetectionContext context, EventWindow window, int from, int to, CredentialWindow.Stats stats, bool locked)
    {
        var entries = window.Entries;
        var first = entries[from];
        var last = entries[to];
        var commonIp = entries.Skip(from).Take(to - from + 1).GroupBy(x => x.B).OrderByDescending(g => g.Count()).First();
        var span = DetectionEvents.Span(TimeSpan.FromMilliseconds(last.TimeMs - first.TimeMs));
        var d = new ThreatFindingDraft
        {
            Rule = Name,
            Fingerprint = $"{Name}|{(locked ? "lock" : "fail")}|{DetectionState.UserKey(e.ActorAlternateId)}",
            Suppress = TimeSpan.FromMilliseconds(2 * (locked ? _lockWindow : _failWindow).TotalMilliseconds) + context.State.LateEventAllowance,
            Title = locked ? "Repeated account lockouts" : "Brute force on one user from many addresses",
            Severity = ThreatSeverity.High,
            Confidence = locked ? 0.7 : 0.8,
            UserId = e.ActorType == "User" ? e.ActorId : null,
            Login = e.ActorAlternateId,
            ClientIp = locked && stats.Ips > 1 ? null : commonIp.Key,
            Country = last.C,
            Asn = last.N == 0 ? null : last.N,
            FirstSeen = DetectionEvents.Time(first.TimeMs),
            LastSeen = DetectionEvents.Time(last.TimeMs),
            EventCount = stats.Attempts,
            Summary = locked
                ? string.Format(CultureInfo.InvariantCulture, "{0} was locked out {1} times in {2}.", e.ActorAlternateId, stats.Attempts, span)
                : string.Format(CultureInfo.InvariantCulture, "{0} failed sign-ins for {1} from {2} addresses in {3}, most from {4}{5}.",
                    stats.Attempts, e.ActorAlternateId, stats.Ips, span, commonIp.Key, DetectionEvents.Place(last.C, last.N == 0 ? null : last.N)),
            MitreTechnique = "T1110.001",
            Recommendation = "Confirm with the user; if they are not the source, reset the password, review their factors and block the addresses.",
        };
        for (var k = from; k <= to; k++)
        {
            d.Evidence.Add(entries[k].Uuid);
            context.MarkAttackTarget(e.ActorAlternateId!, Name, entries[k], entries[k].B, entries[k].N);
        }
        context.Report(d);
    }

    public void Complete(DetectionContext context)
    {
    }
}
