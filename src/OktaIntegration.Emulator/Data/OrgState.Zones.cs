using System;
using System.Collections.Generic;
using System.Linq;
using OktaIntegration.Emulator.Zones;

namespace OktaIntegration.Emulator.Data;

/// <summary>The org's network zones, starting with the system zones every org has.</summary>
public sealed partial class OrgState
{
    private List<EmulatedZone>? _zones;

    public IReadOnlyList<EmulatedZone> Zones
    {
        get { lock (Gate) return ZoneList().ToList(); }
    }

    public EmulatedZone? FindZone(string id)
    {
        lock (Gate) return ZoneList().FirstOrDefault(z => z.Id == id);
    }

    public EmulatedZone? FindZoneByName(string name)
    {
        lock (Gate) return ZoneList().FirstOrDefault(z => string.Equals(z.Name, name, StringComparison.Ordinal));
    }

    /// <summary>Adds an admin-created zone (tests use it for a second blocklist or a policy zone).</summary>
    public EmulatedZone AddZone(string type, string name, string usage, IEnumerable<ZoneAddress>? gateways = null)
    {
        lock (Gate)
        {
            var zone = new EmulatedZone(Ids.Next("nzo"), type, name, usage, false, DateTimeOffset.UtcNow);
            if (type == "IP" && gateways != null) zone.Gateways = gateways.ToList();
            ZoneList().Add(zone);
            return zone;
        }
    }

    /// <summary>Created on first use so the seeded user and group ids stay what they were before zones existed.</summary>
    private List<EmulatedZone> ZoneList()
    {
        if (_zones != null) return _zones;
        var created = DateTimeOffset.UtcNow.Date.AddDays(-400);
        _zones = new List<EmulatedZone>
        {
            new(Ids.Next("nzo"), "IP", "LegacyIpZone", "POLICY", true, created),
            new(Ids.Next("nzo"), "IP", "BlockedIpZone", "BLOCKLIST", true, created),
            new(Ids.Next("nzo"), "IP", "DefaultExemptIpZone", "POLICY", true, created),
            new(Ids.Next("nzo"), "DYNAMIC_V2", "DefaultEnhancedDynamicZone", "BLOCKLIST", true, created),
        };
        return _zones;
    }
}
