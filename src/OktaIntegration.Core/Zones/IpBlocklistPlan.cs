using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.Core.Zones;

/// <summary>
/// The new gateway list for a blocklist change and the outcome per requested entry. Pure: it
/// neither reads nor writes Okta, so adding twice, removing what is absent, and entries covered
/// by wider ones are decided here. Entries it cannot parse are carried over untouched.
/// </summary>
internal sealed class IpBlocklistPlan
{
    private IpBlocklistPlan(IReadOnlyList<ZoneGateway> gateways, IReadOnlyList<PlannedOutcome> outcomes, bool changed)
    {
        Gateways = gateways;
        Outcomes = outcomes;
        Changed = changed;
    }

    public IReadOnlyList<ZoneGateway> Gateways { get; }

    public IReadOnlyList<PlannedOutcome> Outcomes { get; }

    public bool Changed { get; }

    public static IpBlocklistPlan ForAdd(IReadOnlyList<ZoneGateway> current, IEnumerable<IpAddressEntry> requested)
    {
        var gateways = current.ToList();
        var outcomes = new List<PlannedOutcome>();
        foreach (var entry in requested)
        {
            var cover = gateways.FirstOrDefault(g => g.Entry != null && g.Entry.Covers(entry));
            if (cover != null)
            {
                outcomes.Add(new PlannedOutcome(entry, IpBlocklistAction.AlreadyBlocked, cover.Entry!.Equals(entry) ? null : cover.Value));
                continue;
            }
            gateways.Add(new ZoneGateway(entry));
            outcomes.Add(new PlannedOutcome(entry, IpBlocklistAction.Added, null));
        }
        return new IpBlocklistPlan(gateways, outcomes, gateways.Count != current.Count);
    }

    public static IpBlocklistPlan ForRemove(IReadOnlyList<ZoneGateway> current, IEnumerable<IpAddressEntry> requested)
    {
        var gateways = current.ToList();
        var outcomes = new List<PlannedOutcome>();
        foreach (var entry in requested)
        {
            var removed = gateways.RemoveAll(g => g.Entry != null && g.Entry.Equals(entry));
            if (removed > 0)
            {
                outcomes.Add(new PlannedOutcome(entry, IpBlocklistAction.Removed, null));
                continue;
            }
            var cover = gateways.FirstOrDefault(g => g.Entry != null && g.Entry.Covers(entry));
            outcomes.Add(cover != null
                ? new PlannedOutcome(entry, IpBlocklistAction.StillBlockedByWiderEntry, cover.Value)
                : new PlannedOutcome(entry, outcomes.Any(o => o.Action == IpBlocklistAction.Removed && o.Entry.Equals(entry)) ? IpBlocklistAction.Removed : IpBlocklistAction.NotBlocked, null));
        }
        return new IpBlocklistPlan(gateways, outcomes, gateways.Count != current.Count);
    }
}

/// <summary>One requested entry and what the plan does with it.</summary>
internal sealed class PlannedOutcome
{
    public PlannedOutcome(IpAddressEntry entry, IpBlocklistAction action, string? coveredBy)
    {
        Entry = entry;
        Action = action;
        CoveredBy = coveredBy;
    }

    public IpAddressEntry Entry { get; }

    public IpBlocklistAction Action { get; }

    public string? CoveredBy { get; }
}
