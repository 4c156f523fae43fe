using System;
using System.Collections.Generic;
using System.Globalization;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 15, new sign-in context: a successful sign-in from a country, ASN, device (operating
/// system) or browser family that the user's baseline has never seen, once the baseline holds at
/// least <c>minSignIns</c> (10) sign-ins over at least <c>minDays</c> (7). Medium for a new
/// country (with or without a new ASN), Low for a new ASN, device or browser alone. Allow-listed
/// addresses, ASNs and countries are never new. One finding per user and new context.
/// Source: the persona baselines of the UEBA products; Elastic's new_terms rules (first seen over
/// a 7–14-day history) and Okta's own behaviour detection (New Geo-Location, New Device, New IP).
/// State: the per-user baseline across runs (H): countries, ASNs, devices, browsers, apps and
/// hours, each with first and last seen and a count.
/// Known false positives: travel, a new phone or laptop, a browser switch, a new home ISP.
/// </summary>
public sealed class NewSignInContextRule : IThreatRule
{
    private readonly int _minSignIns;
    private readonly long _minAgeMs;

    public NewSignInContextRule(DetectionSettings settings)
    {
        _minSignIns = settings.Integer(Name, "minSignIns");
        _minAgeMs = (long)TimeSpan.FromDays(settings.Number(Name, "minDays")).TotalMilliseconds;
    }

    public string Name => "NewSignInContext";

    public string Description => "A sign-in from a country, ASN, device or browser new for the user";

    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        if (!DetectionEvents.IsSignInSuccess(e)) return;
        var profile = context.State.FindProfile(e.ActorAlternateId);
        if (profile == null || profile.SignInCount < _minSignIns) return;
        var t = DetectionEvents.Ms(e);
        if (t - profile.FirstSignInMs < _minAgeMs) return;
        foreach (var s in profile.SignIns) if (s.Uuid == e.Uuid) return;
        if (context.AllowList.IsTrustedNetwork(e)) return;
        var news = new List<string>();
        var newCountry = e.Country != null && !profile.HasSeen("country", e.Country);
        if (newCountry) news.Add("country " + e.Country);
        var asn = e.AsNumber?.ToString(CultureInfo.InvariantCulture);
        if (asn != null && !profile.HasSeen("asn", asn)) news.Add("AS " + asn + (e.AsOrg != null ? " (" + e.AsOrg + ")" : string.Empty));
        if (e.OperatingSystem != null && !profile.HasSeen("device", e.OperatingSystem)) news.Add("device " + e.OperatingSystem);
        if (e.Browser != null && !profile.HasSeen("browser", e.Browser)) news.Add("browser " + e.Browser);
        if (news.Count == 0) return;
        var d = SingleEvent.Draft(Name, e);
        d.Fingerprint = $"{Name}|{profile.Key}|{string.Join("|", news)}";
        d.UserId = e.ActorId ?? profile.UserId;
        d.Login = e.ActorAlternateId;
        d.Title = "New sign-in context";
        d.Severity = newCountry ? ThreatSeverity.Medium : ThreatSeverity.Low;
        d.Confidence = Math.Min(0.9, 0.3 + 0.2 * news.Count);
        d.Summary = string.Format(CultureInfo.InvariantCulture, "{0} signed in from {1}{2} with a new {3}, unseen in {4} sign-ins over {5:0} days.",
            e.ActorAlternateId, e.ClientIp, DetectionEvents.Place(e.Country, e.AsNumber), string.Join(", new ", news), profile.SignInCount,
            (t - profile.FirstSignInMs) / 86_400_000.0);
        d.MitreTechnique = "T1078.004";
        d.Recommendation = "Confirm with the user; if it was not them, revoke their sessions and reset the password.";
        context.Report(d);
    }

    public void Complete(DetectionContext context)
    {
    }
}
