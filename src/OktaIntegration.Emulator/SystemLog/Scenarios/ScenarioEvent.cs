using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace OktaIntegration.Emulator.SystemLog.Scenarios;

/// <summary>One generated event of a scenario stream: its time, uuid, type and Okta-shaped JSON.</summary>
public sealed record ScenarioEvent(long PublishedMs, string Uuid, string EventType, byte[] Json);

/// <summary>A place a sign-in comes from, as Okta geolocates it, with the network it belongs to.</summary>
public sealed record ScenarioPlace(string City, string State, string Country, double Lat, double Lon, long Asn, string AsOrg);

/// <summary>A client: raw user agent and Okta's parse of it.</summary>
public sealed record ScenarioAgent(string Raw, string Os, string Browser, string Device);

/// <summary>A user a scenario acts as or on.</summary>
public sealed record ScenarioUser(string Id, string Login, string Name);

/// <summary>The fields of one event to write; everything else is filled the way Okta fills it.</summary>
public sealed class ScenarioEventSpec
{
    public string EventType { get; set; } = "user.session.start";

    public string DisplayMessage { get; set; } = "User login to Okta";

    public long PublishedMs { get; set; }

    public ScenarioUser? Actor { get; set; }

    /// <summary>An actor that is not a known user (a login tried in a spray).</summary>
    public string? ActorLogin { get; set; }

    public string? ActorType { get; set; }

    public string? Ip { get; set; }

    public ScenarioPlace? Place { get; set; }

    public ScenarioAgent? Agent { get; set; }

    public bool IsProxy { get; set; }

    public string Result { get; set; } = "SUCCESS";

    /// <summary>The event's severity; by default INFO for a SUCCESS and WARN otherwise.</summary>
    public string? Severity { get; set; }

    public string? Reason { get; set; }

    public string? SessionId { get; set; }

    public string? TransactionId { get; set; }

    public List<(string Id, string Type, string AlternateId, string DisplayName)> Targets { get; } = new();

    public Dictionary<string, string> Debug { get; } = new(StringComparer.Ordinal);
}

/// <summary>Writes a <see cref="ScenarioEventSpec"/> as Okta's LogEvent JSON (null fields left out, version "0", zone "null").</summary>
internal static class ScenarioEventWriter
{
    public static ScenarioEvent Write(ScenarioEventSpec s, string uuid)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("uuid", uuid);
            w.WriteString("published", LogEventGenerator.FormatTime(s.PublishedMs));
            w.WriteString("eventType", s.EventType);
            w.WriteString("version", "0");
            w.WriteString("severity", s.Severity ?? (s.Result == "SUCCESS" ? "INFO" : "WARN"));
            w.WriteString("displayMessage", s.DisplayMessage);
            w.WriteStartObject("actor");
            if (s.Actor != null)
            {
                w.WriteString("id", s.Actor.Id);
                w.WriteString("type", s.ActorType ?? "User");
                w.WriteString("alternateId", s.Actor.Login);
                w.WriteString("displayName", s.Actor.Name);
            }
            else
            {
                w.WriteString("id", "unknown");
                w.WriteString("type", s.ActorType ?? "User");
                w.WriteString("alternateId", s.ActorLogin ?? "unknown");
                w.WriteString("displayName", "unknown");
            }
            w.WriteEndObject();
            w.WriteStartObject("client");
            if (s.Agent != null)
            {
                w.WriteStartObject("userAgent");
                w.WriteString("rawUserAgent", s.Agent.Raw);
                w.WriteString("os", s.Agent.Os);
                w.WriteString("browser", s.Agent.Browser);
                w.WriteEndObject();
                w.WriteString("device", s.Agent.Device);
            }
            w.WriteString("zone", "null");
            if (s.Ip != null) w.WriteString("ipAddress", s.Ip);
            if (s.Place != null) Geo(w, s.Place);
            w.WriteEndObject();
            w.WriteStartObject("outcome");
            w.WriteString("result", s.Result);
            if (s.Reason != null) w.WriteString("reason", s.Reason);
            w.WriteEndObject();
            if (s.SessionId != null)
            {
                w.WriteStartObject("authenticationContext");
                w.WriteString("externalSessionId", s.SessionId);
                w.WriteString("rootSessionId", s.SessionId);
                w.WriteString("interface", "Web");
                w.WriteEndObject();
            }
            if (s.Place != null)
            {
                w.WriteStartObject("securityContext");
                w.WriteNumber("asNumber", s.Place.Asn);
                w.WriteString("asOrg", s.Place.AsOrg);
                w.WriteString("isp", s.Place.AsOrg);
                w.WriteString("domain", s.Place.AsOrg.Replace(" ", string.Empty) + ".net");
                w.WriteBoolean("isProxy", s.IsProxy);
                w.WriteEndObject();
            }
            w.WriteStartObject("debugContext");
            w.WriteStartObject("debugData");
            w.WriteString("requestId", "aB" + uuid.Replace("-", string.Empty).Substring(0, 18));
            foreach (var kv in s.Debug) w.WriteString(kv.Key, kv.Value);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("transaction");
            w.WriteString("type", "WEB");
            w.WriteString("id", s.TransactionId ?? "aB" + uuid.Replace("-", string.Empty).Substring(0, 18));
            w.WriteStartObject("detail");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("request");
            w.WriteStartArray("ipChain");
            if (s.Ip != null)
            {
                w.WriteStartObject();
                w.WriteString("ip", s.Ip);
                if (s.Place != null) Geo(w, s.Place);
                w.WriteString("version", "V4");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("target");
            foreach (var t in s.Targets)
            {
                w.WriteStartObject();
                w.WriteString("id", t.Id);
                w.WriteString("type", t.Type);
                w.WriteString("alternateId", t.AlternateId);
                w.WriteString("displayName", t.DisplayName);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return new ScenarioEvent(s.PublishedMs, uuid, s.EventType, buffer.WrittenSpan.ToArray());
    }

    private static void Geo(Utf8JsonWriter w, ScenarioPlace p)
    {
        w.WriteStartObject("geographicalContext");
        w.WriteString("city", p.City);
        w.WriteString("state", p.State);
        w.WriteString("country", p.Country);
        w.WriteStartObject("geolocation");
        w.WriteNumber("lat", p.Lat);
        w.WriteNumber("lon", p.Lon);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
