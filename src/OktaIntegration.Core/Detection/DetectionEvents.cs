using System;
using System.Globalization;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection;

/// <summary>The event classifications and text the rules share.</summary>
public static class DetectionEvents
{
    /// <summary>A successful sign-in to Okta by a user.</summary>
    public static bool IsSignInSuccess(OktaLogEvent e) =>
        e.EventType == "user.session.start" && e.Outcome == "SUCCESS" && e.ActorAlternateId != null;

    /// <summary>
    /// A failed primary authentication: a sign-in or authentication event that failed for bad
    /// credentials or a locked account (the outcome reasons Elastic's and Sentinel's spray rules count).
    /// MFA push failures are not password failures: they belong to MFA push fatigue.
    /// </summary>
    public static bool IsCredentialFailure(OktaLogEvent e)
    {
        if (e.Outcome != "FAILURE" || e.ActorAlternateId == null || e.EventType == null) return false;
        if (e.EventType != "user.session.start" && e.EventType != "user.authentication.authenticate" && e.EventType != "user.authentication.verify") return false;
        if (e.Factor != null) return false;
        var reason = e.OutcomeReason;
        return reason != null && (Contains(reason, "INVALID_CREDENTIALS") || Contains(reason, "LOCKED_OUT") || Contains(reason, "VERIFICATION_ERROR")
            || Contains(reason, "Invalid credentials") || Contains(reason, "locked out"));
    }

    /// <summary>A user agent of a script or library, not a browser (cookie replay tools).</summary>
    public static bool IsNonBrowser(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent)) return false;
        foreach (var tool in NonBrowserAgents) if (Contains(userAgent!, tool)) return true;
        return false;
    }

    private static readonly string[] NonBrowserAgents =
    {
        "curl/", "python-requests", "python-urllib", "aiohttp", "Go-http-client", "okhttp", "Wget", "PostmanRuntime", "node-fetch", "axios/", "libwww-perl", "HTTPie",
    };

    /// <summary>"(RU, AS 12345)"-style place of an address, from what Okta reported.</summary>
    public static string Place(string? country, long? asn)
    {
        if (country == null && asn == null) return string.Empty;
        if (asn == null) return $" ({country})";
        if (country == null) return string.Format(CultureInfo.InvariantCulture, " (AS {0})", asn);
        return string.Format(CultureInfo.InvariantCulture, " ({0}, AS {1})", country, asn);
    }

    /// <summary>A duration a person reads: "40 seconds", "4 minutes", "3.5 hours".</summary>
    public static string Span(TimeSpan span)
    {
        if (span.TotalMinutes < 1) return string.Format(CultureInfo.InvariantCulture, "{0:0} seconds", span.TotalSeconds);
        if (span.TotalHours < 2) return string.Format(CultureInfo.InvariantCulture, "{0:0} minute{1}", span.TotalMinutes, Math.Round(span.TotalMinutes) == 1 ? string.Empty : "s");
        return string.Format(CultureInfo.InvariantCulture, "{0:0.#} hours", span.TotalHours);
    }

    /// <summary>Great-circle distance in kilometres (haversine, mean Earth radius).</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0;
        double Rad(double d) => d * Math.PI / 180.0;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    public static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static long Ms(OktaLogEvent e) => e.Published.ToUnixTimeMilliseconds();

    private static bool Contains(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
}
