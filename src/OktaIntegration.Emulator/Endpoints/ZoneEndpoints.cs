using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OktaIntegration.Emulator.Auth;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Emulator.Infrastructure;
using OktaIntegration.Emulator.Users;
using OktaIntegration.Emulator.Zones;

namespace OktaIntegration.Emulator.Endpoints;

/// <summary>The emulated org's network zones.</summary>
internal static class ZoneEndpoints
{
    public static void MapZones(this IEndpointRouteBuilder app)
    {
        // GET /api/v1/zones: filter on id/usage/system; limit defaults to -1 (all); paged with after.
        app.MapGet("/api/v1/zones", (HttpContext context, OrgState org) =>
        {
            IEnumerable<EmulatedZone> zones = org.Zones;
            var filterText = context.Request.Query["filter"].ToString();
            if (filterText.Length > 0)
            {
                var filter = ZoneFilter.Parse(filterText);
                if (filter == null)
                    return OktaErrors.Result(400, "E0000031", "Invalid search criteria.", new[] { $"filter: '{filterText}' is not supported; use id, usage or system with eq." });
                zones = zones.Where(filter.Matches);
            }
            var list = zones.ToList();
            var limitText = context.Request.Query["limit"].ToString();
            var limit = -1;
            if (limitText.Length > 0 && (!int.TryParse(limitText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit) || limit == 0 || limit < -1))
                return OktaErrors.Result(400, "E0000001", "Api validation failed: limit", new[] { "limit: The limit must be -1 (all) or a positive number." });
            var after = context.Request.Query["after"].ToString();
            var start = after.Length == 0 ? 0 : list.FindIndex(z => z.Id == after) + 1;
            var page = list.Skip(start).Take(limit == -1 ? int.MaxValue : limit).ToList();
            var more = start + page.Count < list.Count;
            PageLinks.Write(context, more && page.Count > 0 ? page[^1].Id : null);
            var baseUrl = EmulatorUrls.BaseOf(context);
            lock (org.Gate) return Results.Json(page.Select(z => z.ToJson(baseUrl)).ToList());
        }).RequireOktaScope("okta.networkZones.read");

        app.MapGet("/api/v1/zones/{zoneId}", (HttpContext context, OrgState org, string zoneId) =>
        {
            var zone = org.FindZone(zoneId);
            if (zone == null) return OktaErrors.NotFound(zoneId, "NetworkZone");
            lock (org.Gate) return Results.Json(zone.ToJson(EmulatorUrls.BaseOf(context)));
        }).RequireOktaScope("okta.networkZones.read");

        // PUT /api/v1/zones/{zoneId}: a full replacement. Whatever the body leaves out is gone.
        app.MapPut("/api/v1/zones/{zoneId}", async (HttpContext context, OrgState org, ResponseActionJournal journal, string zoneId) =>
        {
            var zone = org.FindZone(zoneId);
            if (zone == null) return OktaErrors.NotFound(zoneId, "NetworkZone");
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(context.Request.Body);
            }
            catch (JsonException)
            {
                return OktaErrors.Result(400, "E0000003", "The request body was not well-formed.");
            }
            using (document)
            {
                var body = document.RootElement;
                if (body.ValueKind != JsonValueKind.Object) return OktaErrors.Result(400, "E0000003", "The request body was not well-formed.");
                var replacement = ReadReplacement(body, zone, org, out var problem);
                if (replacement == null) return problem!;

                ZoneUpdateRecord record;
                // The answer is the zone as this request wrote it (taken under the same lock), as Okta
                // answers a PUT: read later, a concurrent write could show up in it.
                object answer;
                lock (org.Gate)
                {
                    var before = (zone.Gateways ?? new List<ZoneAddress>()).Select(g => g.Value).ToList();
                    zone.Name = replacement.Value.Name;
                    zone.Gateways = replacement.Value.Gateways;
                    zone.Proxies = replacement.Value.Proxies;
                    zone.LastUpdated = DateTimeOffset.UtcNow;
                    record = new ZoneUpdateRecord(zone.Id, zone.Name, before, (zone.Gateways ?? new List<ZoneAddress>()).Select(g => g.Value).ToList(), zone.LastUpdated);
                    answer = zone.ToJson(EmulatorUrls.BaseOf(context));
                }
                journal.Record(record, ResponseEvents.For(context, org, "zone.update", "Update network zone", new LogEventParty(zone.Id, "NetworkZone", zone.Name, zone.Name)));
                return Results.Json(answer);
            }
        }).RequireOktaScope("okta.networkZones.manage");
    }

    /// <summary>Validates a PUT body against the stored zone: same type and usage, a unique name, valid entries within the zone's limit.</summary>
    private static (string Name, List<ZoneAddress>? Gateways, List<ZoneAddress>? Proxies)? ReadReplacement(JsonElement body, EmulatedZone zone, OrgState org, out IResult? problem)
    {
        IResult Invalid(string field, string cause) => OktaErrors.Result(400, "E0000001", $"Api validation failed: {field}", new[] { cause });
        problem = null;
        var type = String(body, "type");
        if (type == null) { problem = Invalid("type", "type: The field cannot be left blank."); return null; }
        if (type != zone.Type) { problem = Invalid("type", $"type: The zone type cannot be changed from {zone.Type} to {type}."); return null; }
        var usage = String(body, "usage");
        if (usage != null && usage != zone.Usage) { problem = Invalid("usage", $"usage: The zone usage cannot be changed from {zone.Usage} to {usage}."); return null; }
        var name = String(body, "name");
        if (string.IsNullOrWhiteSpace(name)) { problem = Invalid("name", "name: The field cannot be left blank."); return null; }
        if (name!.Length > 128) { problem = Invalid("name", "name: The name must be at most 128 characters."); return null; }
        var clash = org.FindZoneByName(name);
        if (clash != null && clash.Id != zone.Id) { problem = Invalid("name", $"name: A network zone named '{name}' already exists."); return null; }

        var gateways = Addresses(body, "gateways", out var gatewayProblem);
        var proxies = Addresses(body, "proxies", out var proxyProblem);
        if (gatewayProblem != null || proxyProblem != null) { problem = Invalid("gateways", (gatewayProblem ?? proxyProblem)!); return null; }
        if (zone.Type != "IP" && (gateways?.Count > 0 || proxies?.Count > 0))
        {
            problem = Invalid("gateways", $"gateways: A {zone.Type} zone has no gateways or proxies.");
            return null;
        }
        if (gateways?.Count > zone.GatewayLimit)
        {
            problem = Invalid("gateways", $"gateways: This zone can hold at most {zone.GatewayLimit} gateway entries; the request has {gateways.Count}.");
            return null;
        }
        if (zone.Usage == "BLOCKLIST" && proxies?.Count > 0) { problem = Invalid("proxies", "proxies: A blocklist zone cannot have proxies."); return null; }
        return (name, gateways, proxies);
    }

    private static List<ZoneAddress>? Addresses(JsonElement body, string property, out string? problem)
    {
        problem = null;
        if (!body.TryGetProperty(property, out var array) || array.ValueKind == JsonValueKind.Null) return null;
        if (array.ValueKind != JsonValueKind.Array) { problem = $"{property}: must be an array of {{type, value}} entries."; return null; }
        var list = new List<ZoneAddress>();
        foreach (var entry in array.EnumerateArray())
        {
            var type = entry.ValueKind == JsonValueKind.Object ? String(entry, "type") : null;
            var value = entry.ValueKind == JsonValueKind.Object ? String(entry, "value") : null;
            problem = GatewayValidator.Problem(type, value);
            if (problem != null) return null;
            list.Add(new ZoneAddress(type!, value!));
        }
        return list;
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
