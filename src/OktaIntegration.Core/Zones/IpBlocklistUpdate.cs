using System.Collections.Generic;

namespace OktaIntegration.Core.Zones;

/// <summary>The result of one read-modify-write of a blocklist zone: the outcome per address and the zone as Okta returned it.</summary>
public sealed class IpBlocklistUpdate
{
    internal IpBlocklistUpdate(OktaNetworkZone zone, IReadOnlyList<OktaIpBlockResult> results, bool written)
    {
        Zone = zone;
        Results = results;
        Written = written;
    }

    /// <summary>The zone after the change (as the PUT returned it), or as read when nothing had to change.</summary>
    public OktaNetworkZone Zone { get; }

    public IReadOnlyList<OktaIpBlockResult> Results { get; }

    /// <summary>True when a PUT was sent.</summary>
    public bool Written { get; }
}
