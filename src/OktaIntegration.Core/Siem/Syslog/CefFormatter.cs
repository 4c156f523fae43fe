using System;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace OktaIntegration.Core.Siem.Syslog;

/// <summary>
/// One ArcSight Common Event Format line for an Okta event:
/// <c>CEF:0|Okta|System Log|&lt;version&gt;|&lt;eventType&gt;|&lt;displayMessage&gt;|&lt;severity&gt;|&lt;extension&gt;</c>.
/// It maps from Okta's own event JSON (CEF has its own fixed keys, so the export's schema does not
/// apply). Escaping follows the CEF specification: in header fields '\' and '|' take a backslash;
/// in extension values '\' and '=' take a backslash and line breaks become the two characters \n
/// or \r. Neither part has an escape for other control characters, so those (and line breaks in
/// the header) become a space. Keys are fixed CEF names checked to be letters and digits only.
/// The uuid is externalId, so receivers can drop repeats.
/// </summary>
public static class CefFormatter
{
    public const string Vendor = "Okta";
    public const string Product = "System Log";

    /// <summary>The CEF line (no line break) for Okta's event JSON.</summary>
    public static string Format(ReadOnlySpan<byte> oktaEventJson, string? oktaSeverity)
    {
        using var doc = JsonDocument.Parse(oktaEventJson.ToArray());
        var e = doc.RootElement;
        var eventType = Text(e, "eventType") ?? "unknown";
        var builder = new StringBuilder(512);
        builder.Append("CEF:0|")
            .Append(EscapeHeader(Vendor)).Append('|')
            .Append(EscapeHeader(Product)).Append('|')
            .Append(EscapeHeader(Text(e, "version") ?? "0")).Append('|')
            .Append(EscapeHeader(eventType)).Append('|')
            .Append(EscapeHeader(Text(e, "displayMessage") ?? eventType)).Append('|')
            .Append(Severity(oktaSeverity ?? Text(e, "severity")).ToString(CultureInfo.InvariantCulture)).Append('|');

        var first = true;
        void Add(string key, string? value)
        {
            if (value == null) return;
            if (!IsValidKey(key)) throw new ArgumentException($"'{key}' is not a CEF extension key (letters and digits only).");
            if (!first) builder.Append(' ');
            first = false;
            builder.Append(key).Append('=').Append(EscapeExtensionValue(value));
        }

        if (e.TryGetProperty("published", out var published) && published.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(published.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            Add("rt", time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        }
        Add("externalId", Text(e, "uuid"));
        Add("act", eventType);
        Add("outcome", Text(e, "outcome", "result"));
        Add("reason", Text(e, "outcome", "reason"));
        Add("suser", Text(e, "actor", "alternateId"));
        Add("suid", Text(e, "actor", "id"));
        var ip = Text(e, "client", "ipAddress");
        if (ip != null && IPAddress.TryParse(ip, out _)) Add("src", ip);
        Add("requestClientApplication", Text(e, "client", "userAgent", "rawUserAgent"));
        if (e.TryGetProperty("target", out var targets) && targets.ValueKind == JsonValueKind.Array && targets.GetArrayLength() > 0)
        {
            Add("duser", Text(targets[0], "alternateId"));
            Add("duid", Text(targets[0], "id"));
        }
        Add("msg", Text(e, "displayMessage"));
        var session = Text(e, "authenticationContext", "externalSessionId");
        if (session != null)
        {
            Add("cs1Label", "externalSessionId");
            Add("cs1", session);
        }
        var transaction = Text(e, "transaction", "id");
        if (transaction != null)
        {
            Add("cs2Label", "transactionId");
            Add("cs2", transaction);
        }
        return builder.ToString();
    }

    /// <summary>CEF severity 0-10: DEBUG 1, INFO 3, WARN 6, ERROR 8, anything else or none 5.</summary>
    public static int Severity(string? oktaSeverity) => oktaSeverity?.ToUpperInvariant() switch
    {
        "DEBUG" => 1,
        "INFO" => 3,
        "WARN" => 6,
        "ERROR" => 8,
        _ => 5,
    };

    /// <summary>A header field: '\' → '\\', '|' → '\|'; line breaks and other control characters → space.</summary>
    public static string EscapeHeader(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '\\' or '|') builder.Append('\\').Append(c);
            else if (char.IsControl(c)) builder.Append(' ');
            else builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>An extension value: '\' → '\\', '=' → '\=', CR LF → \r\n as text; other control characters → space. '|' stays.</summary>
    public static string EscapeExtensionValue(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '=': builder.Append("\\="); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                default: builder.Append(char.IsControl(c) ? ' ' : c); break;
            }
        }
        return builder.ToString();
    }

    /// <summary>Whether a key is a valid CEF extension key: ASCII letters and digits, starting with a letter.</summary>
    public static bool IsValidKey(string key)
    {
        if (key.Length == 0 || !IsAsciiLetter(key[0])) return false;
        foreach (var c in key)
        {
            if (!IsAsciiLetter(c) && (c < '0' || c > '9')) return false;
        }
        return true;
    }

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    /// <summary>The string at a property path, or null when absent, not a string, or empty.</summary>
    private static string? Text(JsonElement e, params string[] path)
    {
        var current = e;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)) return null;
        }
        if (current.ValueKind != JsonValueKind.String) return null;
        var s = current.GetString();
        return string.IsNullOrEmpty(s) ? null : s;
    }
}
