using System;
using System.Globalization;
using System.Linq;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 4, distributed password spray: the spray pattern across the whole org — failed
/// authentications from <c>minIps</c> (5) or more addresses against <c>minUsers</c> (8) or more
/// users in <c>minAttempts</c> (25) or more attempts within <c>windowMinutes</c> (15), with at most
/// <c>maxAttemptsPerUser</c> (5) per user. High. Only addresses that tried two or more users count
/// as attackers: their targets are remembered for SuccessAfterAttack, so an ordinary mistyped
/// password that happens to fall in the window does not make its user a target.
/// Source: Elastic's distributed password-spray rule (tenant-wide 15-minute buckets: ≥ 5 IPs,
/// ≥ 8 users, ≥ 25 attempts, ≤ 5 per user).
/// State: one org-wide open window across runs (W).
/// Known false positives: large orgs during mass password resets or an outage of a password sync.
/// </summary>
public sealed class DistributedPasswordSprayRule : IThreatRule
{
    private const string Key = "DistributedPasswordSpray|org";
    private readonly int _minIps;
    private readonly int _minUsers;
    private readonly int _minAttempts;
    private readonly int _maxPerUser;
    private readonly TimeSpan _window;

    public DistributedPasswordSprayRule(DetectionSettings settings)
    {
        _minIps = settings.Integer(Name, "minIps");
        _minUsers = settings.Integer(Name, "minUsers");
        _minAttempts = settings.Integer(Name, "minAttempts");
        _maxPerUser = settings.Integer(Name, "maxAttemptsPerUser");
        _window = settings.Minutes(Name, "windowMinutes");
    }

    public string Name => "DistributedPasswordSpray";

    public string Description => "Failed sign-ins from many addresses across many users, a few tries each";

    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        if (e.ClientIp == null || !DetectionEvents.IsCredentialFailure(e) || context.AllowList.IsTrustedIp(e.ClientIp) || context.AllowList.IsTrustedAsn(e.AsNumber)) return;
        var window = context.State.Window(Key, _window);
        var entry = CredentialWindow.Entry(e);
        if (!context.State.Add(window, entry)) return;
        var hit = CredentialWindow.Find(window, entry.TimeMs, _window, _minAttempts, s =>
            s.Ips >= _minIps && s.Users >= _minUsers && s.Attempts >= _minAttempts && s.MaxPerUser <= _maxPerUser
            && s.UsersPerIp.Count(kv => kv.Value.Count >= 2) >= _minIps);
        if (hit is not { } h) return;
        var entries = window.Entries;
        var first = entries[h.From];
        var last = entries[h.To];
        var attackers = h.Stats.UsersPerIp.Where(kv => kv.Value.Count >= 2).Select(kv => kv.Key).ToList();
        var d = new ThreatFindingDraft
        {
            Rule = Name,
            Fingerprint = Name,
            Suppress = TimeSpan.FromMilliseconds(2 * _window.TotalMilliseconds) + context.State.LateEventAllowance,
            Title = "Distributed password spray",
            Severity = ThreatSeverity.High,
            Confidence = 0.7,
            FirstSeen = DetectionEvents.Time(first.TimeMs),
            LastSeen = DetectionEvents.Time(last.TimeMs),
            EventCount = h.Stats.Attempts,
            Summary = string.Format(CultureInfo.InvariantCulture, "{0} failed sign-ins for {1} users from {2} addresses in {3}, at most {4} per user; {5} addresses tried several users ({6}).",
                h.Stats.Attempts, h.Stats.Users, h.Stats.Ips, DetectionEvents.Span(TimeSpan.FromMilliseconds(last.TimeMs - first.TimeMs)), h.Stats.MaxPerUser,
                attackers.Count, string.Join(", ", attackers.Take(5)) + (attackers.Count > 5 ? ", …" : string.Empty)),
            MitreTechnique = "T1110.003",
            Recommendation = "Block the attacking addresses or turn ThreatInsight to block; check the targeted users for a later successful sign-in.",
        };
        for (var k = h.From; k <= h.To; k++)
        {
            var x = entries[k];
            d.Evidence.Add(x.Uuid);
            if (x.B != null && attackers.Contains(x.B)) context.MarkAttackTarget(x.A!, Name, x, x.B, x.N);
        }
        context.Report(d);
    }

    public void Complete(DetectionContext context)
    {
    }
}
