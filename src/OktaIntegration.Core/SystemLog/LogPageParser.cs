using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// Reads one page (a JSON array of LogEvents) in a single forward pass with
/// <see cref="Utf8JsonReader"/>: no DOM, only the scalars <see cref="OktaLogEvent"/> shows, and
/// each event's exact byte range for -Raw and the lazy detail. Tolerant by construction: unknown
/// properties are skipped, any scalar kind is accepted where a string is expected, and an
/// object that is null or missing leaves its fields null. A page that is cut short, not JSON or
/// not valid UTF-8 throws <see cref="JsonException"/>, which the transport treats as a failed attempt.
/// </summary>
internal static class LogPageParser
{
    public static List<OktaLogEvent> Parse(ReadOnlyMemory<byte> body) => Parse(body, LogEventFields.All);

    /// <summary>
    /// A page with the fields asked for. Every token of every event is read (or skipped, which
    /// validates it) either way, so each event's raw bytes are always valid JSON: the exporter's
    /// normalizer relies on that (see SiemNormalizer.Write(OktaLogEvent, …)).
    /// </summary>
    public static List<OktaLogEvent> Parse(ReadOnlyMemory<byte> body, LogEventFields fields)
    {
        // Before the reader: it would let invalid UTF-8 through inside strings it skips (an
        // envelope read skips most), and the export forwards those bytes as they are.
        if (!Json.Utf8Validation.IsValid(body)) throw new JsonException("The System Log page is not valid UTF-8.");
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("A System Log page must be a JSON array of events.");
        var events = new List<OktaLogEvent>();
        var targets = new TargetPicker();
        var cache = new Utf8StringCache();
        while (true)
        {
            if (!reader.Read()) throw new JsonException("The System Log page ended inside the array.");
            if (reader.TokenType == JsonTokenType.EndArray) break;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            var start = (int)reader.TokenStartIndex;
            var parsed = new OktaLogEvent();
            if (fields == LogEventFields.Envelope)
            {
                ReadEnvelope(ref reader, parsed, cache);
            }
            else
            {
                targets.Reset();
                ReadEvent(ref reader, parsed, targets, cache);
                targets.Apply(parsed);
            }
            parsed.SetRaw(body.Slice(start, (int)reader.BytesConsumed - start));
            parsed.Category = LogEventCategories.ClassifyName(parsed.EventType);
            if (parsed.Uuid.Length == 0) throw new JsonException("A System Log event has no uuid.");
            events.Add(parsed);
        }
        if (reader.Read()) throw new JsonException("Unexpected content after the System Log array.");
        return events;
    }

    private static void ReadEvent(ref Utf8JsonReader r, OktaLogEvent e, TargetPicker targets, Utf8StringCache c)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("uuid"u8)) e.Uuid = Str(ref r) ?? string.Empty;
            else if (r.ValueTextEquals("published"u8)) e.Published = Time(ref r);
            else if (r.ValueTextEquals("eventType"u8)) e.EventType = Shared(ref r, c);
            else if (r.ValueTextEquals("severity"u8)) e.Severity = Shared(ref r, c);
            else if (r.ValueTextEquals("displayMessage"u8)) e.DisplayMessage = Shared(ref r, c);
            else if (r.ValueTextEquals("legacyEventType"u8)) e.LegacyEventType = Shared(ref r, c);
            else if (r.ValueTextEquals("version"u8)) e.Version = Shared(ref r, c);
            else if (r.ValueTextEquals("actor"u8)) ReadActor(ref r, e, c);
            else if (r.ValueTextEquals("client"u8)) ReadClient(ref r, e, c);
            else if (r.ValueTextEquals("outcome"u8)) ReadOutcome(ref r, e, c);
            else if (r.ValueTextEquals("target"u8)) ReadTargets(ref r, targets, c);
            else if (r.ValueTextEquals("transaction"u8)) ReadTransaction(ref r, e, c);
            else if (r.ValueTextEquals("authenticationContext"u8)) ReadAuthentication(ref r, e, c);
            else if (r.ValueTextEquals("securityContext"u8)) ReadSecurity(ref r, e, c);
            else if (r.ValueTextEquals("debugContext"u8)) ReadDebug(ref r, e, c);
            else SkipValue(ref r);
        }
    }

    /// <summary>The envelope only (see <see cref="LogEventFields.Envelope"/>); every other member is skipped.</summary>
    private static void ReadEnvelope(ref Utf8JsonReader r, OktaLogEvent e, Utf8StringCache c)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("uuid"u8)) e.Uuid = Str(ref r) ?? string.Empty;
            else if (r.ValueTextEquals("published"u8)) e.Published = Time(ref r);
            else if (r.ValueTextEquals("eventType"u8)) e.EventType = Shared(ref r, c);
            else if (r.ValueTextEquals("severity"u8)) e.Severity = Shared(ref r, c);
            else SkipValue(ref r);
        }
    }

    private static void ReadActor(ref Utf8JsonReader r, OktaLogEvent e, Utf8StringCache c)
    {
        if (!EnterObject(ref r)) return;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("id"u8)) e.ActorId = Shared(ref r, c);
            else if (r.ValueTextEquals("type"u8)) e.ActorType = Shared(ref r, c);
            else if (r.ValueTextEquals("alternateId"u8)) e.ActorAlternateId = Shared(ref r, c);
            else if (r.ValueTextEquals("displayName"u8)) e.ActorDisplayName = Shared(ref r, c);
            else SkipValue(ref r);
        }
    }

    /// <summary>Okta writes "no zone matched" as the string "null"; scripts and SIEMs expect a real null.</summary>
    private static string? ZoneName(string? zone) => zone == "null" ? null : zone;

    private static void ReadClient(ref Utf8JsonReader r, OktaLogEvent e, Utf8StringCache c)
    {
        if (!EnterObject(ref r)) return;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("ipAddress"u8)) e.ClientIp = Str(ref r);
            else if (r.ValueTextEquals("device"u8)) e.Device = Shared(ref r, c);
            else if (r.ValueTextEquals("zone"u8)) e.Zone = ZoneName(Shared(ref r, c));
            else if (r.ValueTextEquals("id"u8)) e.ClientId = Shared(ref r, c);
            else if (r.ValueTextEquals("userAgent"u8))
            {
                if (!EnterObject(ref r)) continue;
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("rawUserAgent"u8)) e.UserAgent = Shared(ref r, c);
                    else if (r.ValueTextEquals("os"u8)) e.OperatingSystem = Shared(ref r, c);
                    else if (r.ValueTextEquals("browser"u8)) e.Browser = Shared(ref r, c);
                    else SkipValue(ref r);
                }
            }
            else if (r.ValueTextEquals("geographicalContext"u8))
            {
                if (!EnterObject(ref r)) continue;
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("city"u8)) e.City = Shared(ref r, c);
                    else if (r.ValueTextEquals("state"u8)) e.State = Shared(ref r, c);
                    else if (r.ValueTextEquals("country"u8)) e.Country = Shared(ref r, c);
                    else if (r.ValueTextEquals("postalCode"u8)) e.PostalCode = Shared(ref r, c);
                    else if (r.ValueTextEquals("geolocation"u8))
                    {
                        if (!EnterObject(ref r)) continue;
                        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                        {
                            if (r.ValueTextEquals("lat"u8)) e.Latitude = Number(ref r);
                            else if (r.ValueTextEquals("lon"u8)) e.Longitude = Number(ref r);
                            else SkipValue(ref r);
                        }
                    }
                    else SkipValue(ref r);
                }
            }
            else SkipValue(ref r);
        }
    }

    private static void ReadOutcome(ref Utf8JsonReader r, OktaLogEvent e, Utf8StringCache c)
    {
        if (!EnterObject(ref r)) return;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("result"u8)) e.Outcome = Shared(ref r, c);
            else if (r.ValueTextEquals("reason"u8)) e.OutcomeReason = Shared(ref r, c);
            else SkipValue(ref r);
        }
    }

    private static void ReadTargets(ref Utf8JsonReader r, TargetPicker targets, Utf8StringCache c)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartArray)
        {
            r.Skip();
            return;
        }
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                r.Skip();
                continue;
            }
            string? id = null, type = null, alternateId = null, displayName = null;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("id"u8)) id = Shared(ref r, c);
                else if (r.ValueTextEquals("type"u8)) type = Shared(ref r, c);
                else if (r.ValueTextEquals("alternateId"u8)) alternateId = Shared(ref r, c);
                else if (r.ValueTextEquals("displayName"u8)) displayName = Shared(ref r, c);
                else SkipValue(ref r);
            }
            targets.Offer(id, type, alternateId, displayName);
        }
    }

    private static void ReadTransaction(ref Utf8JsonReader r, OktaLogEvent e, Utf8StringCache c)
    {
        if (!EnterObject(ref r)) return;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("id"u8)) e.TransactionId = Shared(ref r, c);
            else if (r.ValueTextEquals("type"u8)) e.TransactionType = Shared(ref r, c);
            else if (r.ValueTextEquals("detail"u8))
            {
                if (!EnterObject(ref r)) continue;
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("requestApiTokenId"u8)) e.ApiTokenId = Str(ref r);
                    else SkipValue(ref r);
                }
            }
            else SkipValue(ref r);
        }
    }

    private static void ReadAuthentication(ref Utf8JsonReader r, OktaLogEvent e, Utf8StringCache c)
    {
        if (!EnterObject(ref r)) return;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("externalSessionId"u8)) e.SessionId = Shared(ref r, c);
            else if (r.ValueTextEquals("rootSessionId"u8)) e.RootSessionId = Shared(ref r, c);
            else if (r.ValueTextEquals("credentialType"u8)) e.CredentialType = Shared(ref r, c);
            else if (r.ValueTextEquals("credentialProvider"u8)) e.CredentialProvider = Shared(ref r, c);
            else if (r.ValueTextEquals("authenticationProvider"u8)) e.AuthenticationProvider = Shared(ref r, c);
            else SkipValue(ref r);
        }
    }

    private static void ReadSecurity(ref Utf8JsonReader r, OktaLogEvent e, Utf8StringCache c)
    {
        if (!EnterObject(ref r)) return;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("isp"u8)) e.Isp = Shared(ref r, c);
            else if (r.ValueTextEquals("asOrg"u8)) e.AsOrg = Shared(ref r, c);
            else if (r.ValueTextEquals("domain"u8)) e.Domain = Shared(ref r, c);
            else if (r.ValueTextEquals("asNumber"u8))
            {
                var n = Number(ref r);
                e.AsNumber = n.HasValue ? (long)n.Value : null;
            }
            else if (r.ValueTextEquals("isProxy"u8)) e.IsProxy = Bool(ref r);
            else SkipValue(ref r);
        }
    }

    private static void ReadDebug(ref Utf8JsonReader r, OktaLogEvent e, Utf8StringCache c)
    {
        if (!EnterObject(ref r)) return;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("debugData"u8))
            {
                if (!EnterObject(ref r)) continue;
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("requestId"u8)) e.RequestId = Shared(ref r, c);
                    else if (r.ValueTextEquals("dtHash"u8)) e.DeviceTokenHash = Str(ref r);
                    else if (r.ValueTextEquals("threatSuspected"u8)) e.ThreatSuspected = Bool(ref r);
                    else if (r.ValueTextEquals("factor"u8)) e.Factor = Shared(ref r, c);
                    else SkipValue(ref r);
                }
            }
            else SkipValue(ref r);
        }
    }

    /// <summary>Moves to the property's value; true when it is an object to read, else skips it.</summary>
    private static bool EnterObject(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.StartObject) return true;
        r.Skip();
        return false;
    }

    private static void SkipValue(ref Utf8JsonReader r)
    {
        r.Read();
        r.Skip();
    }

    /// <summary>Like <see cref="Str"/> for values that repeat across events: strings come from the page's cache.</summary>
    private static string? Shared(ref Utf8JsonReader r, Utf8StringCache c)
    {
        if (!r.Read()) throw new JsonException("The System Log page ended inside an event.");
        if (r.TokenType == JsonTokenType.String) return c.Get(ref r);
        return Scalar(ref r);
    }

    private static string? Str(ref Utf8JsonReader r)
    {
        if (!r.Read()) throw new JsonException("The System Log page ended inside an event.");
        if (r.TokenType == JsonTokenType.String) return r.GetString();
        return Scalar(ref r);
    }

    private static string? Scalar(ref Utf8JsonReader r)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(r.ValueSpan.ToArray()); // rare: a number where text was expected
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.Null:
                return null;
            default:
                r.Skip();
                return null;
        }
    }

    private static double? Number(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Number && r.TryGetDouble(out var d)) return d;
        if (r.TokenType == JsonTokenType.String && double.TryParse(r.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d)) return d;
        r.Skip();
        return null;
    }

    private static bool? Bool(ref Utf8JsonReader r)
    {
        r.Read();
        switch (r.TokenType)
        {
            case JsonTokenType.True: return true;
            case JsonTokenType.False: return false;
            case JsonTokenType.String: return bool.TryParse(r.GetString(), out var b) ? b : null;
            default:
                r.Skip();
                return null;
        }
    }

    private static DateTimeOffset Time(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.String)
        {
            if (r.TryGetDateTimeOffset(out var t)) return t.ToUniversalTime();
            if (DateTimeOffset.TryParse(r.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out t)) return t;
        }
        r.Skip();
        return default;
    }

    /// <summary>Chooses the principal target: the first of type User, else the first one.</summary>
    private sealed class TargetPicker
    {
        private (string? Id, string? Type, string? AlternateId, string? DisplayName)? _chosen;
        private bool _chosenIsUser;
        private int _count;

        public void Reset()
        {
            _chosen = null;
            _chosenIsUser = false;
            _count = 0;
        }

        public void Offer(string? id, string? type, string? alternateId, string? displayName)
        {
            _count++;
            var isUser = type == "User";
            if (_chosen == null || (isUser && !_chosenIsUser))
            {
                _chosen = (id, type, alternateId, displayName);
                _chosenIsUser = isUser;
            }
        }

        public void Apply(OktaLogEvent e)
        {
            e.TargetCount = _count;
            if (_chosen is not { } t) return;
            e.TargetId = t.Id;
            e.TargetType = t.Type;
            e.TargetAlternateId = t.AlternateId;
            e.TargetDisplayName = t.DisplayName;
        }
    }
}
