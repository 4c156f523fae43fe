using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OktaIntegration.Core.Zones;

/// <summary>
/// A network zone as Okta returns it. The whole JSON document is kept, because PUT replaces the
/// zone entirely: an update must send back every property, including those this module does
/// not model (locations, ASNs, IP service categories, properties Okta adds later).
/// </summary>
public sealed class OktaNetworkZone
{
    private readonly JsonObject _document;

    private OktaNetworkZone(JsonObject document, IReadOnlyList<ZoneGateway> gateways)
    {
        _document = document;
        Gateways = gateways;
        Id = Text("id") ?? throw new JsonException("The network zone has no id.");
        Name = Text("name") ?? string.Empty;
        Type = Text("type") ?? string.Empty;
        Usage = Text("usage") ?? string.Empty;
        Status = Text("status") ?? string.Empty;
        System = document["system"] is JsonValue system && system.TryGetValue<bool>(out var isSystem) && isSystem;
        LastUpdated = DateTimeOffset.TryParse(Text("lastUpdated"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var updated)
            ? updated
            : null;
    }

    public string Id { get; }

    public string Name { get; }

    /// <summary>IP, DYNAMIC or DYNAMIC_V2. Only IP zones hold addresses.</summary>
    public string Type { get; }

    /// <summary>POLICY or BLOCKLIST.</summary>
    public string Usage { get; }

    /// <summary>ACTIVE or INACTIVE. An INACTIVE blocklist blocks nothing.</summary>
    public string Status { get; }

    public bool System { get; }

    public DateTimeOffset? LastUpdated { get; }

    public IReadOnlyList<ZoneGateway> Gateways { get; }

    public int GatewayCount => Gateways.Count;

    /// <summary>Okta's entry limit for this kind of zone: 1000 for an IP blocklist, 5000 for the default system IP zone, 150 otherwise.</summary>
    public int GatewayLimit => Usage == "BLOCKLIST" ? 1000 : System ? 5000 : 150;

    public override string ToString() => $"{Name} ({Id})";

    internal static OktaNetworkZone Parse(JsonNode? node)
    {
        if (node is not JsonObject document) throw new JsonException("A network zone must be a JSON object.");
        var gateways = new List<ZoneGateway>();
        if (document["gateways"] is JsonArray array)
        {
            foreach (var item in array)
            {
                var type = (item as JsonObject)?["type"] is JsonValue t && t.TryGetValue<string>(out var ts) ? ts : null;
                var value = (item as JsonObject)?["value"] is JsonValue v && v.TryGetValue<string>(out var vs) ? vs : null;
                if (value != null) gateways.Add(new ZoneGateway(type ?? string.Empty, value));
            }
        }
        return new OktaNetworkZone(document, gateways);
    }

    internal static IReadOnlyList<OktaNetworkZone> ParseList(ReadOnlyMemory<byte> body)
    {
        if (JsonNode.Parse(body.Span) is not JsonArray array) throw new JsonException("The zones list must be a JSON array.");
        return array.Select(Parse).ToList();
    }

    /// <summary>The full-replacement body: this zone as read, with its gateways replaced. Okta stores an empty list as null.</summary>
    internal string ToReplacementJson(IReadOnlyList<ZoneGateway> gateways)
    {
        var copy = (JsonObject)JsonNode.Parse(_document.ToJsonString())!;
        copy.Remove("_links"); // hypermedia, not zone data
        copy["gateways"] = gateways.Count == 0
            ? null
            : new JsonArray(gateways.Select(g => (JsonNode)new JsonObject { ["type"] = g.Type, ["value"] = g.Value }).ToArray());
        return copy.ToJsonString();
    }

    private string? Text(string property) => _document[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

/// <summary>One entry of a zone's gateways, as Okta stores it.</summary>
public sealed class ZoneGateway
{
    public ZoneGateway(string type, string value)
    {
        Type = type;
        Value = value;
        Entry = IpAddressEntry.FromZone(type, value);
    }

    internal ZoneGateway(IpAddressEntry entry)
    {
        Type = entry.Type;
        Value = entry.Value;
        Entry = entry;
    }

    /// <summary>CIDR or RANGE.</summary>
    public string Type { get; }

    public string Value { get; }

    /// <summary>The parsed addresses; null for an entry this module cannot read (kept as is).</summary>
    internal IpAddressEntry? Entry { get; }

    public override string ToString() => Value;
}
