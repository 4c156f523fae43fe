using System;
using System.Collections.Generic;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Core.Zones;

namespace OktaIntegration.Core.Detection;

/// <summary>
/// What the organisation already trusts: addresses and CIDR blocks (offices), ASNs (corporate VPN
/// egress), actors (automation accounts, by id or login) and countries (as Okta names them in
/// geographicalContext, "United States"). Location rules skip trusted addresses, ASNs and
/// countries; the admin-change rules lower or drop what trusted actors do.
/// </summary>
public sealed class DetectionAllowList
{
    private readonly List<IpAddressEntry> _ips = new();
    private readonly HashSet<long> _asns = new();
    private readonly HashSet<string> _actors = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _countries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, bool> _ipCache = new(StringComparer.Ordinal);

    internal void AddIp(string text) => _ips.Add(IpAddressEntry.Parse(text));

    internal void AddAsn(long asn) => _asns.Add(asn);

    internal void AddActor(string actor) => _actors.Add(actor.Trim());

    internal void AddCountry(string country) => _countries.Add(country.Trim());

    public IReadOnlyCollection<IpAddressEntry> Ips => _ips;

    public IReadOnlyCollection<long> Asns => _asns;

    public IReadOnlyCollection<string> Actors => _actors;

    public IReadOnlyCollection<string> Countries => _countries;

    public bool IsTrustedIp(string? ip)
    {
        if (ip == null || _ips.Count == 0) return false;
        if (_ipCache.TryGetValue(ip, out var known)) return known;
        var trusted = false;
        if (IpAddressEntry.TryParse(ip, out var entry, out _))
        {
            foreach (var range in _ips)
            {
                if (range.Family == entry!.Family && range.Covers(entry))
                {
                    trusted = true;
                    break;
                }
            }
        }
        if (_ipCache.Count > 10_000) _ipCache.Clear();
        _ipCache[ip] = trusted;
        return trusted;
    }

    public bool IsTrustedAsn(long? asn) => asn.HasValue && _asns.Contains(asn.Value);

    public bool IsTrustedCountry(string? country) => country != null && _countries.Contains(country);

    public bool IsTrustedActor(OktaLogEvent e) =>
        _actors.Count > 0 && ((e.ActorId != null && _actors.Contains(e.ActorId)) || (e.ActorAlternateId != null && _actors.Contains(e.ActorAlternateId)));

    /// <summary>The event comes from a trusted network: its address, ASN or country is allow-listed.</summary>
    public bool IsTrustedNetwork(OktaLogEvent e) => IsTrustedIp(e.ClientIp) || IsTrustedAsn(e.AsNumber) || IsTrustedCountry(e.Country);
}
