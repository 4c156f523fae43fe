using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OktaIntegration.Core.Detection;

namespace OktaIntegration.Core.Siem;

/// <summary>
/// Writes a finding of Find-OktaThreat as an Okta-shaped event whose eventType is
/// <c>okta.threat_finding</c>, so that the schema mapping files, and not code, decide how it
/// looks in ECS (an alert) and OCSF (a Detection Finding, 2004). The user at risk is the actor,
/// as in the events behind the finding (the sign-ins were theirs); the finding's own fields sit
/// under <c>finding</c>, which the mappings place (rule, MITRE technique, evidence uuids) or keep
/// under the vendor namespace. Fields the finding does not have stay absent.
/// <para>
/// The uuid is derived from the finding's fingerprint (a name-based UUID, RFC 9562 version 5), so
/// the same finding sent twice carries the same id and a destination that dedupes by id (Elastic
/// _id) keeps one.
/// </para>
/// </summary>
public static class ThreatFindingEvent
{
    /// <summary>The eventType the mapping files give the finding classes.</summary>
    public const string EventType = "okta.threat_finding";

    // Fixed namespace of this module's finding ids (a random UUID chosen once; never change it,
    // or the ids of findings already forwarded would change).
    private static readonly byte[] Namespace = new Guid("6b0f3c1e-2f4d-4f7a-9a55-0c8e3d41b2a7").ToByteArray();

    /// <summary>The finding as the UTF-8 JSON of an Okta-shaped event.</summary>
    public static byte[] ToEventJson(OktaThreatFinding finding)
    {
        if (finding == null) throw new ArgumentNullException(nameof(finding));
        using var buffer = new MemoryStream(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("uuid", StableUuid(finding.Fingerprint));
            w.WriteString("published", Timestamp(finding.LastSeen));
            w.WriteString("eventType", EventType);
            w.WriteString("displayMessage", finding.Summary);
            if (finding.UserId != null || finding.Login != null)
            {
                w.WriteStartObject("actor");
                WriteIfPresent(w, "id", finding.UserId);
                WriteIfPresent(w, "alternateId", finding.Login);
                w.WriteString("type", "User");
                w.WriteEndObject();
            }
            if (finding.ClientIp != null || finding.Country != null)
            {
                w.WriteStartObject("client");
                WriteIfPresent(w, "ipAddress", finding.ClientIp);
                if (finding.Country != null)
                {
                    w.WriteStartObject("geographicalContext");
                    w.WriteString("country", finding.Country);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            if (finding.Asn is { } asn)
            {
                w.WriteStartObject("securityContext");
                w.WriteNumber("asNumber", asn);
                w.WriteEndObject();
            }
            w.WriteStartObject("finding");
            w.WriteString("rule", finding.Rule);
            w.WriteString("title", finding.Title);
            w.WriteString("severity", finding.Severity.ToString());
            w.WriteNumber("confidence", finding.Confidence);
            // OCSF's confidence_score is a whole number from 0 to 100.
            w.WriteNumber("confidenceScore", (int)Math.Round(finding.Confidence * 100, MidpointRounding.AwayFromZero));
            w.WriteString("summary", finding.Summary);
            w.WriteString("recommendation", finding.Recommendation);
            w.WriteString("mitreTechnique", finding.MitreTechnique);
            w.WriteString("firstSeen", Timestamp(finding.FirstSeen));
            w.WriteString("lastSeen", Timestamp(finding.LastSeen));
            w.WriteNumber("eventCount", finding.EventCount);
            w.WriteStartArray("evidence");
            foreach (var uuid in finding.GetEvidence()) w.WriteStringValue(uuid);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteIfPresent(Utf8JsonWriter w, string name, string? value)
    {
        if (value != null) w.WriteString(name, value);
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A version 5 (SHA-1, name-based) UUID of the fingerprint in this module's namespace.</summary>
    internal static string StableUuid(string name)
    {
        // RFC 9562 hashes the namespace in network byte order; Guid.ToByteArray is little-endian in its first three fields.
        var ns = (byte[])Namespace.Clone();
        SwapGuidByteOrder(ns);
        var input = new byte[ns.Length + Encoding.UTF8.GetByteCount(name)];
        ns.CopyTo(input, 0);
        Encoding.UTF8.GetBytes(name, 0, name.Length, input, ns.Length);
        byte[] hash;
        using (var sha1 = SHA1.Create()) hash = sha1.ComputeHash(input);
        var bytes = new byte[16];
        Array.Copy(hash, bytes, 16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        SwapGuidByteOrder(bytes);
        return new Guid(bytes).ToString("D");
    }

    private static void SwapGuidByteOrder(byte[] b)
    {
        (b[0], b[3]) = (b[3], b[0]);
        (b[1], b[2]) = (b[2], b[1]);
        (b[4], b[5]) = (b[5], b[4]);
        (b[6], b[7]) = (b[7], b[6]);
    }
}
