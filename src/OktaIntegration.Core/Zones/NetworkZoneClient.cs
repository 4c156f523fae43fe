using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Zones;

/// <summary>
/// Blocks and unblocks addresses in an IP blocklist network zone. Okta's PUT replaces the whole
/// zone, so each change is one read, one local edit and one write of the full document; the
/// entry limit is checked before writing, and the written zone is checked afterwards. Changes of
/// one process to one org run one at a time (<see cref="ZoneWriteGate"/>).
/// </summary>
public sealed class NetworkZoneClient
{
    /// <summary>Okta's system blocklist, present in every org.</summary>
    public const string DefaultBlocklistZone = "BlockedIpZone";

    private readonly OktaTransport _transport;

    public NetworkZoneClient(OktaConnection connection)
        : this(connection.Transport)
    {
    }

    public NetworkZoneClient(OktaTransport transport)
    {
        _transport = transport;
    }

    /// <summary>
    /// Finds the zone by id (nzo…) or name: first among BLOCKLIST zones, then among all zones so a
    /// POLICY zone of that name gets a precise error. The zone must be an IP blocklist zone.
    /// </summary>
    public async Task<OktaNetworkZone> FindBlocklistZoneAsync(string? nameOrId, CancellationToken cancellationToken)
    {
        var key = string.IsNullOrWhiteSpace(nameOrId) ? DefaultBlocklistZone : nameOrId!.Trim();
        OktaNetworkZone? zone;
        if (key.StartsWith("nzo", StringComparison.Ordinal) && key.Length == 20)
        {
            zone = await GetZoneAsync(key, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var blocklists = await ListZonesAsync("usage eq \"BLOCKLIST\"", cancellationToken).ConfigureAwait(false);
            zone = ByName(blocklists, key);
            if (zone == null)
            {
                zone = ByName(await ListZonesAsync(null, cancellationToken).ConfigureAwait(false), key);
                if (zone == null) throw new NetworkZoneNotFoundException(key, blocklists.Where(z => z.Type == "IP").Select(z => z.Name).ToList());
            }
        }
        if (zone == null) throw new NetworkZoneNotFoundException(key, Array.Empty<string>());
        if (zone.Usage != "BLOCKLIST") throw new NetworkZoneUnsuitableException(zone, $"its usage is {zone.Usage}, so its addresses are matched by policies, not blocked. Choose a BLOCKLIST zone.");
        if (zone.Type != "IP") throw new NetworkZoneUnsuitableException(zone, $"it is a {zone.Type} zone (locations, ASNs, anonymizers), which holds no IP addresses. Choose an IP blocklist zone such as {DefaultBlocklistZone}.");
        if (zone.Status != "ACTIVE") _transport.Log.Warning($"The network zone {zone} is {zone.Status}: addresses in it are not blocked until it is activated.");
        return zone;
    }

    /// <summary>
    /// Adds the entries in one read-modify-write. An entry that covers every address (possible
    /// only through <see cref="IpAddressEntry.FromZone"/>, since Parse refuses it) is refused
    /// before anything is read, whatever the caller: it would lock everyone out of the org.
    /// </summary>
    public Task<IpBlocklistUpdate> BlockAsync(string? zoneNameOrId, IReadOnlyList<IpAddressEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            if (entry.CoversEveryAddress)
                throw new ArgumentException($"The entry {entry} covers every address of its kind and would lock everyone out of the org, administrators included; it is never added to a blocklist.", nameof(entries));
        }
        return ChangeAsync(zoneNameOrId, entries, add: true, cancellationToken);
    }

    public Task<IpBlocklistUpdate> UnblockAsync(string? zoneNameOrId, IReadOnlyList<IpAddressEntry> entries, CancellationToken cancellationToken) =>
        ChangeAsync(zoneNameOrId, entries, add: false, cancellationToken);

    /// <summary>
    /// The read, the edit and the write, with no other change of this process to the org's zones in
    /// between (see <see cref="ZoneWriteGate"/>): the zone is read inside the gate, so a change that
    /// waited starts from the zone the one before it wrote.
    /// </summary>
    private async Task<IpBlocklistUpdate> ChangeAsync(string? zoneNameOrId, IReadOnlyList<IpAddressEntry> entries, bool add, CancellationToken cancellationToken)
    {
        using (await ZoneWriteGate.EnterAsync(_transport.Org.Origin, cancellationToken).ConfigureAwait(false))
        {
            return await ChangeAloneAsync(zoneNameOrId, entries, add, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IpBlocklistUpdate> ChangeAloneAsync(string? zoneNameOrId, IReadOnlyList<IpAddressEntry> entries, bool add, CancellationToken cancellationToken)
    {
        var zone = await FindBlocklistZoneAsync(zoneNameOrId, cancellationToken).ConfigureAwait(false);
        var plan = add ? IpBlocklistPlan.ForAdd(zone.Gateways, entries) : IpBlocklistPlan.ForRemove(zone.Gateways, entries);
        if (!plan.Changed)
        {
            _transport.Log.Verbose($"The network zone {zone} already had the requested entries {(add ? "blocked" : "removed")}; nothing to write.");
            return new IpBlocklistUpdate(zone, Results(plan, zone, null), written: false);
        }
        if (plan.Gateways.Count > zone.GatewayLimit && plan.Gateways.Count > zone.GatewayCount)
            throw new BlocklistLimitExceededException(zone, plan.Gateways.Count - zone.GatewayCount, zone.GatewayLimit);

        var body = zone.ToReplacementJson(plan.Gateways);
        var request = new OktaRequest(HttpMethodKind.Put, _transport.Org.Resolve("api/v1/zones/" + Uri.EscapeDataString(zone.Id)))
        {
            ContentFactory = () => new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var updated = await _transport.SendAsync(request, r => OktaNetworkZone.Parse(JsonNode.Parse(r.BodyMemory.Span)), cancellationToken).ConfigureAwait(false);
        var changedAt = DateTimeOffset.UtcNow;
        Verify(updated, plan, add);
        _transport.Log.Verbose($"Updated the network zone {updated}: {updated.GatewayCount} entries (was {zone.GatewayCount}).");
        return new IpBlocklistUpdate(updated, Results(plan, updated, changedAt), written: true);
    }

    /// <summary>Okta answered 200; make sure the zone it returned really holds (or no longer holds) what we sent.</summary>
    private static void Verify(OktaNetworkZone updated, IpBlocklistPlan plan, bool add)
    {
        var held = updated.Gateways.Where(g => g.Entry != null).Select(g => g.Entry!).ToList();
        foreach (var outcome in plan.Outcomes)
        {
            var present = held.Any(e => e.Equals(outcome.Entry));
            if (add && outcome.Action == IpBlocklistAction.Added && !present)
                throw new InvalidOperationException($"Okta accepted the update of {updated} but the zone it returned does not list {outcome.Entry}. Read the zone again before retrying.");
            if (!add && outcome.Action == IpBlocklistAction.Removed && present)
                throw new InvalidOperationException($"Okta accepted the update of {updated} but the zone it returned still lists {outcome.Entry}. Read the zone again before retrying.");
        }
    }

    private static IReadOnlyList<OktaIpBlockResult> Results(IpBlocklistPlan plan, OktaNetworkZone zone, DateTimeOffset? changedAt) =>
        plan.Outcomes.Select(o => new OktaIpBlockResult(o.Entry.Value, o.Entry.Type, o.Action, o.CoveredBy, zone.Name, zone.Id,
            o.Action is IpBlocklistAction.Added or IpBlocklistAction.Removed ? changedAt : null)).ToList();

    public async Task<OktaNetworkZone> GetZoneAsync(string id, CancellationToken cancellationToken)
    {
        var request = new OktaRequest(HttpMethodKind.Get, _transport.Org.Resolve("api/v1/zones/" + Uri.EscapeDataString(id)))
        {
            AcceptFailure = r => r.StatusCode == HttpStatusCode.NotFound,
        };
        var (zone, notFound) = await _transport.SendAsync(request,
            r => r.IsSuccess ? (OktaNetworkZone.Parse(JsonNode.Parse(r.BodyMemory.Span)), null) : ((OktaNetworkZone?)null, r.ToException()),
            cancellationToken).ConfigureAwait(false);
        if (notFound != null) throw new NetworkZoneNotFoundException(id, Array.Empty<string>(), notFound);
        return zone!;
    }

    /// <summary>GET /api/v1/zones with an optional filter, following next links until the list ends (a next link to the page just read is an error).</summary>
    public async Task<IReadOnlyList<OktaNetworkZone>> ListZonesAsync(string? filter, CancellationToken cancellationToken)
    {
        var zones = new List<OktaNetworkZone>();
        Uri? next = _transport.Org.Resolve("api/v1/zones" + (filter != null ? "?filter=" + Uri.EscapeDataString(filter) : string.Empty));
        while (next != null)
        {
            var (page, link) = await _transport.SendAsync(new OktaRequest(HttpMethodKind.Get, next),
                r => (OktaNetworkZone.ParseList(r.BodyMemory), r.NextLink), cancellationToken).ConfigureAwait(false);
            zones.AddRange(page);
            // Followed, it would loop while holding ZoneWriteGate, and every other block of this process would wait.
            RepeatedNextLink.ThrowIfRepeats(next, link);
            next = page.Count == 0 ? null : link;
        }
        return zones;
    }

    /// <summary>Names are unique on Okta; an exact match wins, else a unique case-insensitive one.</summary>
    private static OktaNetworkZone? ByName(IReadOnlyList<OktaNetworkZone> zones, string name)
    {
        var exact = zones.FirstOrDefault(z => string.Equals(z.Name, name, StringComparison.Ordinal));
        if (exact != null) return exact;
        var loose = zones.Where(z => string.Equals(z.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        return loose.Count == 1 ? loose[0] : null;
    }
}
