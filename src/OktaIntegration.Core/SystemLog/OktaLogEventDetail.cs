using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// The nested part of an event, for scripts: every target, the request IP chain, and each
/// sub-object as a dictionary that keeps whatever Okta sent (debugData has no stable contract,
/// new fields appear without notice, so nothing here is bound to a fixed schema).
/// Its text form is a one-line summary, so a CSV cell never shows a .NET type name.
/// </summary>
public sealed class OktaLogEventDetail
{
    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>(StringComparer.Ordinal);

    private OktaLogEventDetail()
    {
    }

    public IReadOnlyList<LogTarget> Targets { get; private set; } = Array.Empty<LogTarget>();

    public IReadOnlyList<LogIpAddress> IpChain { get; private set; } = Array.Empty<LogIpAddress>();

    public IReadOnlyDictionary<string, object?> Actor { get; private set; } = Empty;

    public IReadOnlyDictionary<string, object?> Client { get; private set; } = Empty;

    public IReadOnlyDictionary<string, object?> Device { get; private set; } = Empty;

    public IReadOnlyDictionary<string, object?> Outcome { get; private set; } = Empty;

    public IReadOnlyDictionary<string, object?> Transaction { get; private set; } = Empty;

    public IReadOnlyDictionary<string, object?> DebugData { get; private set; } = Empty;

    public IReadOnlyDictionary<string, object?> AuthenticationContext { get; private set; } = Empty;

    public IReadOnlyDictionary<string, object?> SecurityContext { get; private set; } = Empty;

    /// <summary>Top-level fields this version does not know, kept so nothing Okta sends is lost.</summary>
    public IReadOnlyDictionary<string, object?> Other { get; private set; } = Empty;

    internal static OktaLogEventDetail Parse(ReadOnlyMemory<byte> raw)
    {
        var detail = new OktaLogEventDetail();
        if (raw.IsEmpty) return detail;
        using var doc = JsonDocument.Parse(raw);
        var other = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            switch (p.Name)
            {
                case "actor": detail.Actor = AsMap(p.Value); break;
                case "client": detail.Client = AsMap(p.Value); break;
                case "device": detail.Device = AsMap(p.Value); break;
                case "outcome": detail.Outcome = AsMap(p.Value); break;
                case "transaction": detail.Transaction = AsMap(p.Value); break;
                case "authenticationContext": detail.AuthenticationContext = AsMap(p.Value); break;
                case "securityContext": detail.SecurityContext = AsMap(p.Value); break;
                case "debugContext":
                    if (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("debugData", out var data)) detail.DebugData = AsMap(data);
                    break;
                case "target":
                    if (p.Value.ValueKind == JsonValueKind.Array)
                        detail.Targets = p.Value.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.Object).Select(LogTarget.From).ToArray();
                    break;
                case "request":
                    if (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("ipChain", out var chain) && chain.ValueKind == JsonValueKind.Array)
                        detail.IpChain = chain.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.Object).Select(LogIpAddress.From).ToArray();
                    break;
                case "uuid":
                case "published":
                case "eventType":
                case "version":
                case "severity":
                case "legacyEventType":
                case "displayMessage":
                    break;
                default:
                    other[p.Name] = ToObject(p.Value);
                    break;
            }
        }
        detail.Other = other;
        return detail;
    }

    internal static IReadOnlyDictionary<string, object?> AsMap(JsonElement e) =>
        ToObject(e) as IReadOnlyDictionary<string, object?> ?? Empty;

    /// <summary>JSON to plain .NET values: dictionaries, arrays, strings, long/double, bool, null.</summary>
    internal static object? ToObject(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var p in e.EnumerateObject()) map[p.Name] = ToObject(p.Value);
                return map;
            case JsonValueKind.Array:
                return e.EnumerateArray().Select(ToObject).ToArray();
            case JsonValueKind.String:
                return e.GetString();
            case JsonValueKind.Number:
                return e.TryGetInt64(out var n) ? n : e.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    internal static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => v.GetRawText(),
            }
            : null;

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0} target(s), {1} IP(s) in chain, {2} debug field(s)", Targets.Count, IpChain.Count, DebugData.Count);
}

/// <summary>One target of an event (look targets up by <see cref="Type"/>, not position).</summary>
public sealed class LogTarget
{
    public string? Id { get; private set; }

    public string? Type { get; private set; }

    public string? AlternateId { get; private set; }

    public string? DisplayName { get; private set; }

    public IReadOnlyDictionary<string, object?>? DetailEntry { get; private set; }

    public IReadOnlyDictionary<string, object?>? ChangeDetails { get; private set; }

    internal static LogTarget From(JsonElement e) => new()
    {
        Id = OktaLogEventDetail.Text(e, "id"),
        Type = OktaLogEventDetail.Text(e, "type"),
        AlternateId = OktaLogEventDetail.Text(e, "alternateId"),
        DisplayName = OktaLogEventDetail.Text(e, "displayName"),
        DetailEntry = e.TryGetProperty("detailEntry", out var d) && d.ValueKind == JsonValueKind.Object ? OktaLogEventDetail.AsMap(d) : null,
        ChangeDetails = e.TryGetProperty("changeDetails", out var c) && c.ValueKind == JsonValueKind.Object ? OktaLogEventDetail.AsMap(c) : null,
    };

    public override string ToString() => $"{Type} {DisplayName} ({Id})";
}

/// <summary>One hop of request.ipChain: the client first, then proxies.</summary>
public sealed class LogIpAddress
{
    public string? Ip { get; private set; }

    public string? Version { get; private set; }

    public string? Source { get; private set; }

    public string? City { get; private set; }

    public string? State { get; private set; }

    public string? Country { get; private set; }

    internal static LogIpAddress From(JsonElement e)
    {
        var geo = e.TryGetProperty("geographicalContext", out var g) ? g : default;
        return new LogIpAddress
        {
            Ip = OktaLogEventDetail.Text(e, "ip"),
            Version = OktaLogEventDetail.Text(e, "version"),
            Source = OktaLogEventDetail.Text(e, "source"),
            City = OktaLogEventDetail.Text(geo, "city"),
            State = OktaLogEventDetail.Text(geo, "state"),
            Country = OktaLogEventDetail.Text(geo, "country"),
        };
    }

    public override string ToString() => Ip ?? string.Empty;
}
