using System;
using System.Collections.Generic;
using System.Globalization;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 1, impossible travel: two successful sign-ins by one user from different addresses whose
/// implied speed between the geolocations Okta reports exceeds <c>maxSpeedKmh</c> (900 km/h).
/// Each sign-in is compared with the user's previous and next sign-in in EVENT time (the recent
/// sign-ins are kept in the state for <c>memoryHours</c>, 24 h), so a late event is judged where it belongs.
/// Skipped: proxies (<c>securityContext.isProxy</c>), satellite networks (<see cref="SatelliteAsns"/>)
/// and allow-listed addresses, ASNs and countries on either side.
/// Severity: Low under <c>lowSeverityDistanceKm</c> (50 km, GeoIP noise), Medium under
/// <c>highSeverityDistanceKm</c> (1000 km), High beyond. The reported address is the side whose
/// country the user's baseline knows least.
/// Source: Panther Standard.ImpossibleTravel.Login (900 km/h, last login cached 24 h, VPN, proxy and
/// satellite AS22351 skipped, Low when under 50 km); Elastic and Sentinel count countries per user instead.
/// State: needs the user's recent sign-ins across runs (H).
/// Known false positives: VPNs and mobile carriers whose egress geolocates far away (allow-list
/// their ASNs), GeoIP errors, and a user on a corporate proxy.
/// </summary>
public sealed class ImpossibleTravelRule : IThreatRule
{
    /// <summary>
    /// Satellite networks: in-flight Wi-Fi leaves through a ground station that geolocates far from
    /// the aircraft, so a traveller "jumps" continents between two sign-ins (AS22351, Intelsat, as
    /// Panther skips it). Only this rule ignores them: unlike an allow-listed ASN, the address is
    /// still watched by every other rule.
    /// </summary>
    private static readonly HashSet<long> SatelliteAsns = new() { 22351 };

    private readonly double _maxSpeed;
    private readonly double _lowKm;
    private readonly double _highKm;
    private readonly long _memoryMs;

    public ImpossibleTravelRule(DetectionSettings settings)
    {
        _maxSpeed = settings.Number(Name, "maxSpeedKmh");
        _lowKm = settings.Number(Name, "lowSeverityDistanceKm");
        _highKm = settings.Number(Name, "highSeverityDistanceKm");
        _memoryMs = (long)TimeSpan.FromHours(settings.Number(Name, "memoryHours")).TotalMilliseconds;
    }

    public string Name => "ImpossibleTravel";

    public string Description => "Two sign-ins by one user too far apart for the time between them";

    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        if (!DetectionEvents.IsSignInSuccess(e) || e.Latitude == null || e.Longitude == null) return;
        if (e.IsProxy == true || IsSatellite(e.AsNumber) || context.AllowList.IsTrustedNetwork(e)) return;
        var profile = context.State.FindProfile(e.ActorAlternateId);
        if (profile == null) return;
        var t = DetectionEvents.Ms(e);
        SignIn? previous = null, next = null;
        foreach (var s in profile.SignIns)
        {
            if (s.Uuid == e.Uuid) return; // seen on an overlapping run
            if (s.TimeMs <= t) previous = s;
            else if (next == null) next = s;
        }
        Compare(e, t, previous, profile, context);
        Compare(e, t, next, profile, context);
    }

    private void Compare(OktaLogEvent e, long t, SignIn? other, UserProfile profile, DetectionContext context)
    {
        if (other == null || other.Ip == e.ClientIp || other.Latitude == null || other.Longitude == null || other.Proxy || IsSatellite(other.Asn)) return;
        if (Math.Abs(t - other.TimeMs) > _memoryMs) return;
        if (context.AllowList.IsTrustedIp(other.Ip) || context.AllowList.IsTrustedAsn(other.Asn) || context.AllowList.IsTrustedCountry(other.Country)) return;
        var km = DetectionEvents.DistanceKm(other.Latitude.Value, other.Longitude.Value, e.Latitude!.Value, e.Longitude!.Value);
        var hours = Math.Max(Math.Abs(t - other.TimeMs), 1000) / 3_600_000.0;
        var speed = km / hours;
        if (speed <= _maxSpeed) return;

        // The anomalous side: the country the baseline knows least (ties: the later sign-in).
        var values = profile.Values("country");
        int Known(string? c) => c != null && values != null && values.TryGetValue(c, out var v) ? v.Count : 0;
        var newIsOdd = Known(e.Country) <= Known(other.Country);
        var odd = newIsOdd
            ? (Ip: e.ClientIp, Country: e.Country, City: e.City, Asn: e.AsNumber, Uuid: e.Uuid)
            : (Ip: other.Ip, Country: other.Country, City: other.City, Asn: other.Asn, Uuid: other.Uuid);
        var usual = newIsOdd ? (City: other.City, Country: other.Country) : (City: e.City, Country: e.Country);
        var first = Math.Min(t, other.TimeMs);
        var last = Math.Max(t, other.TimeMs);
        var severity = km < _lowKm ? ThreatSeverity.Low : km < _highKm ? ThreatSeverity.Medium : ThreatSeverity.High;
        var d = new ThreatFindingDraft
        {
            Rule = Name,
            Fingerprint = $"{Name}|{profile.Key}|{odd.Ip}",
            Title = "Impossible travel",
            Severity = severity,
            Confidence = km < _lowKm ? 0.3 : 0.8,
            UserId = e.ActorId ?? profile.UserId,
            Login = e.ActorAlternateId,
            ClientIp = odd.Ip,
            Country = odd.Country,
            Asn = odd.Asn,
            FirstSeen = DetectionEvents.Time(first),
            LastSeen = DetectionEvents.Time(last),
            EventCount = 2,
            Summary = string.Format(CultureInfo.InvariantCulture,
                "{0} signed in from {1}, {2} and {3}, {4}, {5:0} km apart in {6} ({7:0} km/h); the unusual sign-in came from {8}{9}.",
                e.ActorAlternateId, usual.City, usual.Country, odd.City, odd.Country, km, DetectionEvents.Span(TimeSpan.FromMilliseconds(last - first)), speed,
                odd.Ip, DetectionEvents.Place(odd.Country, odd.Asn)),
            MitreTechnique = "T1078.004",
            Recommendation = "Confirm with the user; if they did not travel or use a VPN, revoke their sessions (Revoke-OktaUserSession) and reset the password.",
        };
        d.Evidence.Add(other.TimeMs <= t ? other.Uuid : e.Uuid);
        d.Evidence.Add(other.TimeMs <= t ? e.Uuid : other.Uuid);
        context.Report(d);
    }

    private static bool IsSatellite(long? asn) => asn is { } n && SatelliteAsns.Contains(n);

    public void Complete(DetectionContext context)
    {
    }
}
