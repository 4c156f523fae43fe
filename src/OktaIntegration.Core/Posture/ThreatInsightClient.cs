using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Json;

namespace OktaIntegration.Core.Posture;

/// <summary>
/// GET and POST /api/v1/threats/configuration (scopes okta.threatInsights.read / .manage).
/// Excluded zones are given by id or name and resolved against GET /api/v1/zones before anything
/// is written, so a typo never clears the exclusions. Okta logs every change as
/// security.threat.configuration.update.
/// </summary>
public sealed class ThreatInsightClient
{
    private readonly OktaTransport _transport;

    public ThreatInsightClient(OktaTransport transport)
    {
        _transport = transport;
    }

    /// <summary>The configuration; excluded zones are named when the zones can be read (okta.networkZones.read), else shown by id.</summary>
    public async Task<OktaThreatInsight> GetAsync(CancellationToken cancellationToken)
    {
        var (action, zones, created, updated) = await _transport.SendAsync(
            new OktaRequest(HttpMethodKind.Get, _transport.Org.Resolve("api/v1/threats/configuration")), Parse, cancellationToken).ConfigureAwait(false);
        return new OktaThreatInsight(action, zones, await NamesAsync(zones, cancellationToken).ConfigureAwait(false), created, updated);
    }

    /// <summary>Resolves <paramref name="excludeZones"/> (ids or names) to IP zone ids, in order and without duplicates; throws <see cref="ThreatInsightZoneException"/> for the first that fails.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> ResolveZonesAsync(IEnumerable<string> excludeZones, CancellationToken cancellationToken)
    {
        var wanted = excludeZones.Where(z => !string.IsNullOrWhiteSpace(z)).Select(z => z.Trim()).ToList();
        var resolved = new List<(string, string)>();
        if (wanted.Count == 0) return resolved;
        var zones = await ReadZonesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var key in wanted)
        {
            var zone = zones.FirstOrDefault(z => z.Id == key)
                ?? zones.FirstOrDefault(z => string.Equals(z.Name, key, StringComparison.Ordinal))
                ?? zones.FirstOrDefault(z => string.Equals(z.Name, key, StringComparison.OrdinalIgnoreCase));
            if (zone == null)
                throw new ThreatInsightZoneException(key, true, $"No network zone has the id or name '{key}'. Known zones: {string.Join(", ", zones.Select(z => z.Name))}.");
            if (!string.Equals(zone.Type, "IP", StringComparison.Ordinal))
                throw new ThreatInsightZoneException(key, false, $"The zone '{zone.Name}' ({zone.Id}) is a {zone.Type} zone; ThreatInsight can exclude only IP zones.");
            if (!resolved.Any(r => r.Item1 == zone.Id)) resolved.Add((zone.Id, zone.Name));
        }
        return resolved;
    }

    /// <summary>POSTs the new action and excluded zone ids (already resolved) and returns what Okta stored.</summary>
    public async Task<OktaThreatInsight> SetAsync(ThreatInsightAction action, IReadOnlyList<(string Id, string Name)> excludeZones, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["action"] = Wire(action),
            ["excludeZones"] = excludeZones.Select(z => z.Id).ToArray(),
        });
        var request = new OktaRequest(HttpMethodKind.Post, _transport.Org.Resolve("api/v1/threats/configuration"))
        {
            ContentFactory = () => new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var (stored, zones, created, updated) = await _transport.SendAsync(request, Parse, cancellationToken).ConfigureAwait(false);
        var names = zones.Select(id => excludeZones.FirstOrDefault(z => z.Id == id).Name ?? id).ToList();
        _transport.Log.Verbose($"ThreatInsight is now {Wire(stored)} with {zones.Count} excluded zone(s).");
        return new OktaThreatInsight(stored, zones, names, created, updated);
    }

    public static string Wire(ThreatInsightAction action) => action switch
    {
        ThreatInsightAction.Block => "block",
        ThreatInsightAction.Audit => "audit",
        _ => "none",
    };

    private static (ThreatInsightAction, IReadOnlyList<string>, DateTimeOffset?, DateTimeOffset?) Parse(OktaResponse response)
    {
        using var document = JsonDocument.Parse(response.BodyMemory);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new ResponseBodyException("Expected the ThreatInsight configuration object.");
        var action = (LooseJson.String(root, "action") ?? "none").ToLowerInvariant() switch
        {
            "block" => ThreatInsightAction.Block,
            "audit" => ThreatInsightAction.Audit,
            _ => ThreatInsightAction.None,
        };
        var zones = new List<string>();
        if (root.TryGetProperty("excludeZones", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String) zones.Add(item.GetString()!);
            }
        }
        return (action, zones, LooseJson.Date(root, "created"), LooseJson.Date(root, "lastUpdated"));
    }

    private async Task<IReadOnlyList<string>> NamesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return ids;
        try
        {
            var zones = await ReadZonesAsync(cancellationToken).ConfigureAwait(false);
            return ids.Select(id => zones.FirstOrDefault(z => z.Id == id)?.Name ?? id).ToList();
        }
        catch (OktaApiException ex) when (ex.StatusCode is HttpStatusCode.Forbidden)
        {
            _transport.Log.Verbose("The excluded zones are shown by id: this connection cannot read network zones (okta.networkZones.read).");
            return ids;
        }
    }

    private Task<List<ZoneSummary>> ReadZonesAsync(CancellationToken cancellationToken) =>
        _transport.SendAsync(new OktaRequest(HttpMethodKind.Get, _transport.Org.Resolve("api/v1/zones")), response =>
            JsonArrayPage.Read(response, "network zones",
                z => new ZoneSummary(LooseJson.String(z, "id") ?? string.Empty, LooseJson.String(z, "name") ?? string.Empty, LooseJson.String(z, "type") ?? string.Empty)),
            cancellationToken);

    private sealed class ZoneSummary
    {
        public ZoneSummary(string id, string name, string type)
        {
            Id = id;
            Name = name;
            Type = type;
        }

        public string Id { get; }

        public string Name { get; }

        public string Type { get; }
    }
}
