using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Zones;

/// <summary>No network zone has the given name or id.</summary>
public sealed class NetworkZoneNotFoundException : Exception
{
    public NetworkZoneNotFoundException(string nameOrId, IReadOnlyList<string> blocklistZones, Exception? innerException = null)
        : base($"No network zone is named '{nameOrId}'." + (blocklistZones.Count > 0
            ? $" IP blocklist zones in this org: {string.Join(", ", blocklistZones)}. Use -ZoneName with one of them, or leave it out to use BlockedIpZone."
            : " This org has no IP blocklist zone; create one in the Admin Console (Security > Networks > Add Zone > IP Zone, usage Blocklist)."), innerException)
    {
        NameOrId = nameOrId;
    }

    public string NameOrId { get; }
}

/// <summary>The zone exists but cannot hold a blocklist: it is not an IP zone, or its usage is not BLOCKLIST.</summary>
public sealed class NetworkZoneUnsuitableException : InvalidOperationException
{
    public NetworkZoneUnsuitableException(OktaNetworkZone zone, string reason)
        : base($"The network zone {zone} cannot be used to block addresses: {reason}")
    {
        ZoneId = zone.Id;
    }

    public string ZoneId { get; }
}

/// <summary>The change would take the zone past Okta's entry limit; nothing was written.</summary>
public sealed class BlocklistLimitExceededException : InvalidOperationException
{
    public BlocklistLimitExceededException(OktaNetworkZone zone, int adding, int limit)
        : base($"Blocking these addresses would put {zone.GatewayCount + adding} entries in {zone} ({zone.GatewayCount} already there, {adding} new), " +
               $"but Okta allows at most {limit} in an IP blocklist zone. Nothing was changed. Unblock addresses that are no longer needed, " +
               "merge neighbours into CIDR blocks or ranges, or block the rest in a second blocklist zone (-ZoneName).")
    {
        ZoneId = zone.Id;
        Limit = limit;
    }

    public string ZoneId { get; }

    public int Limit { get; }
}
