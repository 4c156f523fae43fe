using System;
using System.Globalization;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 5, credential stuffing: from one address, <c>minUsers</c> (15) or more users and
/// <c>minAttempts</c> (25) or more failed attempts within <c>windowMinutes</c> (15), nearly all
/// users tried at most <c>maxAttemptsPerUser</c> (2) times (<c>minShareFewAttempts</c>, 80 %) — a
/// list of leaked login/password pairs, each tried once. High. Targets are remembered for SuccessAfterAttack.
/// Source: Elastic's credential-stuffing rule (15 min by IP: ≥ 25 attempts, ≥ 15 users, ≤ 2 per
/// user, ≥ 80 % of users with few attempts); Chronicle's ThreatInsight reason "Login failures with
/// high unknown users count".
/// State: the address's open window across runs (W).
/// Known false positives: shared kiosks and corporate proxies (allow-list them).
/// </summary>
public sealed class CredentialStuffingRule : IThreatRule
{
    private readonly int _minUsers;
    private readonly int _minAttempts;
    private readonly int _maxPerUser;
    private readonly double _minShareFew;
    private readonly TimeSpan _window;

    public CredentialStuffingRule(DetectionSettings settings)
    {
        _minUsers = settings.Integer(Name, "minUsers");
        _minAttempts = settings.Integer(Name, "minAttempts");
        _maxPerUser = settings.Integer(Name, "maxAttemptsPerUser");
        _minShareFew = settings.Number(Name, "minShareFewAttempts");
        _window = settings.Minutes(Name, "windowMinutes");
    }

    public string Name => "CredentialStuffing";

    public string Description => "Failed sign-ins from one address for many different users, once or twice each";

    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        if (e.ClientIp == null || !DetectionEvents.IsCredentialFailure(e) || context.AllowList.IsTrustedIp(e.ClientIp) || context.AllowList.IsTrustedAsn(e.AsNumber)) return;
        var window = context.State.Window($"{Name}|{e.ClientIp}", _window);
        var entry = CredentialWindow.Entry(e);
        if (!context.State.Add(window, entry)) return;
        var hit = CredentialWindow.Find(window, entry.TimeMs, _window, _minAttempts, s =>
            s.Users >= _minUsers && s.Attempts >= _minAttempts && s.ShareOfUsers(1, _maxPerUser) >= _minShareFew);
        if (hit is not { } h) return;
        var entries = window.Entries;
        var first = entries[h.From];
        var last = entries[h.To];
        var d = new ThreatFindingDraft
        {
            Rule = Name,
            Fingerprint = $"{Name}|{e.ClientIp}",
            Suppress = TimeSpan.FromMilliseconds(2 * _window.TotalMilliseconds) + context.State.LateEventAllowance,
            Title = "Credential stuffing",
            Severity = ThreatSeverity.High,
            Confidence = 0.85,
            ClientIp = e.ClientIp,
            Country = last.C,
            Asn = last.N == 0 ? null : last.N,
            FirstSeen = DetectionEvents.Time(first.TimeMs),
            LastSeen = DetectionEvents.Time(last.TimeMs),
            EventCount = h.Stats.Attempts,
            Summary = string.Format(CultureInfo.InvariantCulture, "{0} failed sign-ins for {1} different users from {2}{3} in {4}.",
                h.Stats.Attempts, h.Stats.Users, e.ClientIp, DetectionEvents.Place(last.C, last.N == 0 ? null : last.N),
                DetectionEvents.Span(TimeSpan.FromMilliseconds(last.TimeMs - first.TimeMs))),
            MitreTechnique = "T1110.004",
            Recommendation = "Block the address (Block-OktaIpAddress); force a password reset for any targeted user who then signs in successfully.",
        };
        for (var k = h.From; k <= h.To; k++)
        {
            d.Evidence.Add(entries[k].Uuid);
            context.MarkAttackTarget(entries[k].A!, Name, entries[k], entries[k].B, entries[k].N);
        }
        context.Report(d);
    }

    public void Complete(DetectionContext context)
    {
    }
}
