using System;
using System.Collections.Generic;
using System.Linq;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// The sliding-window arithmetic the credential-attack rules share. Failed sign-ins are entries
/// (A = login tried, B = address, C = country, N = ASN); for a new entry at time t every window
/// [s, s + length] that contains t is examined, s running over the entries from t − length to t,
/// so an out-of-order event completes a window exactly as an in-order one would.
/// </summary>
internal static class CredentialWindow
{
    public static WindowEntry Entry(OktaLogEvent e) =>
        new(DetectionEvents.Ms(e), e.Uuid, DetectionState.UserKey(e.ActorAlternateId), e.ClientIp, e.Country, e.AsNumber ?? 0);

    /// <summary>
    /// The shared step of the rules that watch failed sign-ins from one address (PasswordSpray,
    /// CredentialStuffing): keeps the address's window for <paramref name="rule"/>, and when
    /// <paramref name="fires"/> accepts a window around this event, returns a draft with what
    /// every such finding has (address, place, first and last seen, evidence, fingerprint by
    /// address, suppression for two windows) and the window's figures; the targeted users are
    /// remembered for SuccessAfterAttack. The rule adds its title, severity and wording.
    /// </summary>
    public static (ThreatFindingDraft Draft, Stats Stats, TimeSpan Span)? FromOneAddress(
        string rule, OktaLogEvent e, DetectionContext context, TimeSpan length, int minAttempts, Func<Stats, bool> fires)
    {
        if (e.ClientIp == null || !DetectionEvents.IsCredentialFailure(e) || context.AllowList.IsTrustedIp(e.ClientIp) || context.AllowList.IsTrustedAsn(e.AsNumber)) return null;
        var window = context.State.Window($"{rule}|{e.ClientIp}", length);
        var entry = Entry(e);
        if (!context.State.Add(window, entry)) return null;
        if (Find(window, entry.TimeMs, length, minAttempts, fires) is not { } hit) return null;
        var entries = window.Entries;
        var first = entries[hit.From];
        var last = entries[hit.To];
        var draft = new ThreatFindingDraft
        {
            Rule = rule,
            Fingerprint = $"{rule}|{e.ClientIp}",
            Suppress = TimeSpan.FromMilliseconds(2 * length.TotalMilliseconds) + context.State.LateEventAllowance,
            ClientIp = e.ClientIp,
            Country = last.C,
            Asn = last.N == 0 ? null : last.N,
            FirstSeen = DetectionEvents.Time(first.TimeMs),
            LastSeen = DetectionEvents.Time(last.TimeMs),
            EventCount = hit.Stats.Attempts,
        };
        for (var k = hit.From; k <= hit.To; k++)
        {
            draft.Evidence.Add(entries[k].Uuid);
            context.MarkAttackTarget(entries[k].A!, rule, entries[k], entries[k].B, entries[k].N);
        }
        return (draft, hit.Stats, TimeSpan.FromMilliseconds(last.TimeMs - first.TimeMs));
    }

    /// <summary>The first window around <paramref name="t"/> that <paramref name="fires"/> accepts, as [from, to] indexes.</summary>
    public static (int From, int To, Stats Stats)? Find(EventWindow window, long t, TimeSpan length, int minAttempts, Func<Stats, bool> fires)
    {
        var entries = window.Entries;
        var w = (long)length.TotalMilliseconds;
        var lo = window.FirstAtOrAfter(t - w);
        var hi = window.FirstAtOrAfter(t + 1) - 1;
        if (hi < lo) return null;
        // Cheap exit for the common case: too few attempts anywhere near t.
        var reach = window.FirstAtOrAfter(t + w + 1) - lo;
        if (reach < minAttempts) return null;
        for (var i = lo; i <= hi; i++)
        {
            var end = window.FirstAtOrAfter(entries[i].TimeMs + w + 1) - 1;
            if (end < hi || end - i + 1 < minAttempts) continue;
            var stats = Stats.Of(entries, i, end);
            if (fires(stats)) return (i, end, stats);
        }
        return null;
    }

    public sealed class Stats
    {
        public int Attempts { get; private set; }

        public Dictionary<string, int> PerUser { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, HashSet<string>> UsersPerIp { get; } = new(StringComparer.Ordinal);

        public int Users => PerUser.Count;

        public int Ips => UsersPerIp.Count;

        public int MaxPerUser => PerUser.Count == 0 ? 0 : PerUser.Values.Max();

        /// <summary>Share of users with at least <paramref name="min"/> and at most <paramref name="max"/> attempts.</summary>
        public double ShareOfUsers(int min, int max) => PerUser.Count == 0 ? 0 : PerUser.Values.Count(v => v >= min && v <= max) / (double)PerUser.Count;

        public static Stats Of(IReadOnlyList<WindowEntry> entries, int from, int to)
        {
            var s = new Stats();
            for (var k = from; k <= to; k++)
            {
                var e = entries[k];
                s.Attempts++;
                var user = e.A ?? string.Empty;
                s.PerUser[user] = s.PerUser.TryGetValue(user, out var n) ? n + 1 : 1;
                var ip = e.B ?? string.Empty;
                if (!s.UsersPerIp.TryGetValue(ip, out var users)) s.UsersPerIp[ip] = users = new HashSet<string>(StringComparer.Ordinal);
                users.Add(user);
            }
            return s;
        }
    }
}
