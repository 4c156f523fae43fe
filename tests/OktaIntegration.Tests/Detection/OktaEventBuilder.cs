using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Tests.Detection;

/// <summary>
/// Hand-made System Log events in Okta's own shape (okta-api-facts.md 1.5), for the tests that pin
/// one rule's edge: each event is written as JSON and read back by the real page parser, so a
/// field the parser looks for in the wrong place is a failing test, not a silent pass.
/// </summary>
internal sealed class OktaEventBuilder
{
    public static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-06-10T08:00:00Z", CultureInfo.InvariantCulture);

    private readonly JsonObject _e;

    private OktaEventBuilder(string eventType, DateTimeOffset published, string? uuid)
    {
        _e = new JsonObject
        {
            ["uuid"] = uuid ?? Guid.NewGuid().ToString(),
            ["published"] = published.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["eventType"] = eventType,
            ["version"] = "0",
            ["severity"] = "INFO",
            ["transaction"] = new JsonObject { ["type"] = "WEB", ["id"] = "tx" + Guid.NewGuid().ToString("N").Substring(0, 12) },
        };
    }

    public static OktaEventBuilder At(string eventType, TimeSpan after, string? uuid = null) => new(eventType, T0 + after, uuid);

    public OktaEventBuilder Actor(string login, string? id = null, string type = "User")
    {
        // A user id's shape, 20 characters: findings keep only such ids as UserId (DetectionContext).
        _e["actor"] = new JsonObject { ["id"] = id ?? "00u" + login.GetHashCode().ToString("x8", CultureInfo.InvariantCulture) + "000000000", ["type"] = type, ["alternateId"] = login, ["displayName"] = login };
        return this;
    }

    public OktaEventBuilder Target(string type, string id, string? alternateId = null, string? displayName = null)
    {
        var targets = _e["target"] as JsonArray ?? new JsonArray();
        targets.Add(new JsonObject { ["id"] = id, ["type"] = type, ["alternateId"] = alternateId, ["displayName"] = displayName });
        _e["target"] = targets;
        return this;
    }

    public OktaEventBuilder Client(string ip, string country = "United States", string city = "Chicago", double lat = 41.88, double lon = -87.63, string ua = "Mozilla/5.0 (Windows NT 10.0) Chrome/126.0")
    {
        _e["client"] = new JsonObject
        {
            ["ipAddress"] = ip,
            ["userAgent"] = new JsonObject { ["rawUserAgent"] = ua, ["os"] = "Windows 10", ["browser"] = "CHROME" },
            ["zone"] = "null",
            ["geographicalContext"] = new JsonObject
            {
                ["city"] = city,
                ["country"] = country,
                ["geolocation"] = new JsonObject { ["lat"] = lat, ["lon"] = lon },
            },
        };
        _e["request"] = new JsonObject { ["ipChain"] = new JsonArray(new JsonObject { ["ip"] = ip, ["version"] = "V4" }) };
        return this;
    }

    /// <summary>The client app's id (client.id); call after <see cref="Client"/>.</summary>
    public OktaEventBuilder ClientId(string id)
    {
        ((JsonObject)_e["client"]!)["id"] = id;
        return this;
    }

    public OktaEventBuilder Asn(long asn, bool proxy = false)
    {
        _e["securityContext"] = new JsonObject { ["asNumber"] = asn, ["asOrg"] = "as" + asn, ["isProxy"] = proxy };
        return this;
    }

    public OktaEventBuilder Outcome(string result, string? reason = null)
    {
        _e["outcome"] = new JsonObject { ["result"] = result, ["reason"] = reason };
        return this;
    }

    /// <summary>Okta's debugData values are strings, even the booleans.</summary>
    public OktaEventBuilder Debug(string name, string value)
    {
        var debug = _e["debugContext"] as JsonObject ?? new JsonObject { ["debugData"] = new JsonObject() };
        ((JsonObject)debug["debugData"]!)[name] = value;
        _e["debugContext"] = debug;
        return this;
    }

    public OktaEventBuilder Session(string externalSessionId)
    {
        _e["authenticationContext"] = new JsonObject { ["externalSessionId"] = externalSessionId, ["authenticationStep"] = 0 };
        return this;
    }

    public string Json => _e.ToJsonString();

    public static List<OktaLogEvent> Parse(IEnumerable<OktaEventBuilder> events) =>
        LogPageParser.Parse(Encoding.UTF8.GetBytes("[" + string.Join(",", events.Select(e => e.Json)) + "]"));
}
