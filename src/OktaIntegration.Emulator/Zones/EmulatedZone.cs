using System;
using System.Collections.Generic;
using System.Linq;
using OktaIntegration.Emulator.Data;

namespace OktaIntegration.Emulator.Zones;

/// <summary>
/// A network zone: IP (gateways and proxies as CIDR/RANGE entries) or DYNAMIC/DYNAMIC_V2
/// (locations, ASNs; no gateways). Usage POLICY or BLOCKLIST. System zones come with the org.
/// </summary>
public sealed class EmulatedZone
{
    public EmulatedZone(string id, string type, string name, string usage, bool system, DateTimeOffset created)
    {
        Id = id;
        Type = type;
        Name = name;
        Usage = usage;
        System = system;
        Created = created;
        LastUpdated = created;
    }

    public string Id { get; }

    /// <summary>IP, DYNAMIC or DYNAMIC_V2; it can never change.</summary>
    public string Type { get; }

    public string Name { get; set; }

    /// <summary>POLICY or BLOCKLIST.</summary>
    public string Usage { get; }

    public string Status { get; set; } = "ACTIVE";

    public bool System { get; }

    public DateTimeOffset Created { get; }

    public DateTimeOffset LastUpdated { get; set; }

    /// <summary>Null when the zone has none (Okta sends null, not []).</summary>
    public List<ZoneAddress>? Gateways { get; set; }

    public List<ZoneAddress>? Proxies { get; set; }

    /// <summary>Okta's entry limits: 1000 for an IP blocklist, 5000 for the default system IP zone, 150 for other IP zones.</summary>
    public int GatewayLimit => Usage == "BLOCKLIST" ? 1000 : Name == "LegacyIpZone" || (System && Usage == "POLICY") ? 5000 : 150;

    public Dictionary<string, object?> ToJson(Uri baseUrl)
    {
        var self = new Uri(baseUrl, "api/v1/zones/" + Id).ToString();
        var json = new Dictionary<string, object?>
        {
            ["type"] = Type,
            ["id"] = Id,
            ["name"] = Name,
            ["status"] = Status,
            ["usage"] = Usage,
            ["created"] = EmulatedUser.Iso(Created),
            ["lastUpdated"] = EmulatedUser.Iso(LastUpdated),
            ["system"] = System,
        };
        if (Type == "IP")
        {
            json["gateways"] = Gateways?.Select(g => g.ToJson()).ToList();
            json["proxies"] = Proxies?.Select(g => g.ToJson()).ToList();
        }
        else
        {
            json["locations"] = null;
            json["asns"] = null;
            if (Type == "DYNAMIC_V2") json["ipServiceCategories"] = new Dictionary<string, object?> { ["include"] = new[] { "ALL_ANONYMIZERS" }, ["exclude"] = null };
        }
        json["_links"] = new Dictionary<string, object?>
        {
            ["self"] = new Dictionary<string, object?> { ["href"] = self, ["hints"] = new Dictionary<string, object?> { ["allow"] = new[] { "GET", "PUT", "DELETE" } } },
            [Status == "ACTIVE" ? "deactivate" : "activate"] = new Dictionary<string, object?>
            {
                ["href"] = self + "/lifecycle/" + (Status == "ACTIVE" ? "deactivate" : "activate"),
                ["hints"] = new Dictionary<string, object?> { ["allow"] = new[] { "POST" } },
            },
        };
        return json;
    }
}

/// <summary>One gateway or proxy entry: type CIDR ("1.2.3.0/24") or RANGE ("1.2.3.4" or "1.2.3.4-1.2.3.9").</summary>
public sealed record ZoneAddress(string Type, string Value)
{
    public Dictionary<string, object?> ToJson() => new() { ["type"] = Type, ["value"] = Value };
}
