using System;
using System.Globalization;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 3, password spray from one address: failed authentications (INVALID_CREDENTIALS,
/// LOCKED_OUT, VERIFICATION_ERROR) from one client IP across <c>minUsers</c> (5) or more users in
/// <c>minAttempts</c> (15) or more attempts within <c>windowMinutes</c> (60), with few attempts per
/// user: none above <c>maxAttemptsPerUser</c> (8, under the lockout) and at least
/// <c>minShareRetried</c> (60 %) of the users tried two or more times (one try per user is
/// credential stuffing, rule 5). High. Its targets are remembered for SuccessAfterAttack.
/// Source: Elastic's password-spraying rule (1 h, ≥ 5 users, ≥ 15 attempts, 2–8 per user, ≥ 60 % of
/// users at 2–6); Sentinel (&gt; 15 users per IP in 5 min) and Splunk (&gt; 9 users in 5 min) are similar.
/// State: the address's open window across runs (W).
/// Known false positives: NAT, proxy and VPN egress addresses shared by many users (allow-list
/// them), and days when passwords rotate.
/// </summary>
public sealed class PasswordSprayRule : IThreatRule
{
    private readonly int _minUsers;
    private readonly int _minAttempts;
    private readonly int _maxPerUser;
    private readonly double _minShareRetried;
    private readonly TimeSpan _window;

    public PasswordSprayRule(DetectionSettings settings)
    {
        _minUsers = settings.Integer(Name, "minUsers");
        _minAttempts = settings.Integer(Name, "minAttempts");
        _maxPerUser = settings.Integer(Name, "maxAttemptsPerUser");
        _minShareRetried = settings.Number(Name, "minShareRetried");
        _window = settings.Minutes(Name, "windowMinutes");
    }

    public string Name => "PasswordSpray";

    public string Description => "Failed sign-ins from one address across many users, a few tries each";

    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        if (e.ClientIp == null || !DetectionEvents.IsCredentialFailure(e) || context.AllowList.IsTrustedIp(e.ClientIp) || context.AllowList.IsTrustedAsn(e.AsNumber)) return;
        var window = context.State.Window($"{Name}|{e.ClientIp}", _window);
        var entry = CredentialWindow.Entry(e);
        if (!context.State.Add(window, entry)) return;
        var hit = CredentialWindow.Find(window, entry.TimeMs, _window, _minAttempts, s =>
            s.Users >= _minUsers && s.Attempts >= _minAttempts && s.MaxPerUser <= _maxPerUser && s.ShareOfUsers(2, _maxPerUser) >= _minShareRetried);
        if (hit is not { } h) return;
        var entries = window.Entries;
        var first = entries[h.From];
        var last = entries[h.To];
        var d = new ThreatFindingDraft
        {
            Rule = Name,
            Fingerprint = $"{Name}|{e.ClientIp}",
            Suppress = TimeSpan.FromMilliseconds(2 * _window.TotalMilliseconds) + context.State.LateEventAllowance,
            Title = "Password spray from one address",
            Severity = ThreatSeverity.High,
            Confidence = 0.8,
            ClientIp = e.ClientIp,
            Country = last.C,
            Asn = last.N == 0 ? null : last.N,
            FirstSeen = DetectionEvents.Time(first.TimeMs),
            LastSeen = DetectionEvents.Time(last.TimeMs),
            EventCount = h.Stats.Attempts,
            Summary = string.Format(CultureInfo.InvariantCulture, "{0} failed sign-ins for {1} users from {2}{3} in {4}, at most {5} per user.",
                h.Stats.Attempts, h.Stats.Users, e.ClientIp, DetectionEvents.Place(last.C, last.N == 0 ? null : last.N),
                DetectionEvents.Span(TimeSpan.FromMilliseconds(last.TimeMs - first.TimeMs)), h.Stats.MaxPerUser),
            MitreTechnique = "T1110.003",
            Recommendation = "Block the address (Block-OktaIpAddress), then check the targeted users for a later successful sign-in (rule SuccessAfterAttack).",
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
