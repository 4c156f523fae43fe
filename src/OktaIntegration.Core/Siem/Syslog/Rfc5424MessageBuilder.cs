using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace OktaIntegration.Core.Siem.Syslog;

/// <summary>
/// Writes one RFC 5424 message: <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG</c>.
/// PRI is the facility × 8 + the severity derived from Okta's (DEBUG 7, INFO 6, WARN 4, ERROR 3,
/// anything else or none 5 notice); TIMESTAMP is the event's published time in UTC with
/// milliseconds; PROCID is the nil value; MSGID is the event type cut to RFC 5424's limit
/// (printable US-ASCII, at most 32 characters: the full type stays in the payload); SD is
/// <c>[sdId uuid="..."]</c> when a structured data id is configured, else the nil value (the uuid
/// is always in the payload). MSG has no BOM (RFC 5424 MSG-ANY); its bytes are UTF-8.
/// </summary>
public sealed class Rfc5424MessageBuilder
{
    public const int MaxHostName = 255;
    public const int MaxAppName = 48;
    public const int MaxMessageId = 32;
    public const int MaxSdName = 32;

    private readonly byte[] _hostAppProc;
    private readonly byte[]? _sdStart;
    private readonly int _facility;

    public Rfc5424MessageBuilder(SyslogFacility facility, string hostName, string appName, string? structuredDataId = null)
    {
        if ((int)facility < 0 || (int)facility > 23) throw new SyslogSettingException(SyslogSetting.Facility, $"The syslog facility {(int)facility} is not one of RFC 5424's 0 to 23.");
        CheckHeaderField(hostName, MaxHostName, "host name", SyslogSetting.HostName);
        CheckHeaderField(appName, MaxAppName, "app name", SyslogSetting.AppName);
        if (structuredDataId != null) CheckStructuredDataId(structuredDataId);
        _facility = (int)facility;
        _hostAppProc = Encoding.ASCII.GetBytes(" " + hostName + " " + appName + " - ");
        _sdStart = structuredDataId == null ? null : Encoding.ASCII.GetBytes("[" + structuredDataId + " uuid=\"");
    }

    /// <summary>Writes the message (no framing, no line break) to the stream.</summary>
    public void Write(Stream output, SiemRecord record, ReadOnlySpan<byte> payload)
    {
        var pri = _facility * 8 + Severity(record.Severity);
        var head = "<" + pri.ToString(CultureInfo.InvariantCulture) + ">1 " + Timestamp(record.Published);
        WriteAscii(output, head);
        output.Write(_hostAppProc, 0, _hostAppProc.Length);
        WriteAscii(output, MessageId(record.EventType));
        output.WriteByte((byte)' ');
        if (_sdStart == null)
        {
            output.WriteByte((byte)'-');
        }
        else
        {
            output.Write(_sdStart, 0, _sdStart.Length);
            var value = Encoding.UTF8.GetBytes(EscapeParamValue(record.Uuid));
            output.Write(value, 0, value.Length);
            output.WriteByte((byte)'"');
            output.WriteByte((byte)']');
        }
        if (payload.IsEmpty) return;
        output.WriteByte((byte)' ');
        var bytes = payload.ToArray();
        output.Write(bytes, 0, bytes.Length);
    }

    /// <summary>The syslog severity (RFC 5424 table 2) for Okta's severity.</summary>
    public static int Severity(string? oktaSeverity) => oktaSeverity?.ToUpperInvariant() switch
    {
        "DEBUG" => 7,
        "INFO" => 6,
        "WARN" => 4,
        "ERROR" => 3,
        _ => 5,
    };

    /// <summary>RFC 3339 UTC with milliseconds, as RFC 5424 TIMESTAMP allows.</summary>
    public static string Timestamp(DateTimeOffset published) =>
        published.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The event type as an RFC 5424 MSGID: characters outside printable US-ASCII become '_', cut to 32; none is the nil value.</summary>
    public static string MessageId(string? eventType)
    {
        if (string.IsNullOrEmpty(eventType)) return "-";
        var length = Math.Min(eventType!.Length, MaxMessageId);
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = IsPrintUsAscii(eventType[i]) ? eventType[i] : '_';
        return new string(chars);
    }

    /// <summary>An SD PARAM-VALUE: '"', '\' and ']' escaped with a backslash (RFC 5424 section 6.3.3).</summary>
    public static string EscapeParamValue(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '"' or '\\' or ']') builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static bool IsPrintUsAscii(char c) => c >= 33 && c <= 126;

    private static void CheckHeaderField(string value, int max, string what, SyslogSetting setting)
    {
        if (string.IsNullOrEmpty(value)) throw new SyslogSettingException(setting, $"The syslog {what} is empty.");
        if (value.Length > max) throw new SyslogSettingException(setting, $"The syslog {what} '{value}' is longer than RFC 5424's {max} characters.");
        foreach (var c in value)
        {
            if (!IsPrintUsAscii(c)) throw new SyslogSettingException(setting, $"The syslog {what} '{value}' may hold only printable US-ASCII without spaces (RFC 5424).");
        }
        if (value == "-") throw new SyslogSettingException(setting, $"The syslog {what} cannot be '-', RFC 5424's nil value.");
    }

    /// <summary>A private SD-ID: name@enterprise-number (RFC 5424 section 7.2.2), at most 32 characters, no '=', space, ']' or '"'.</summary>
    private static void CheckStructuredDataId(string id)
    {
        var at = id.IndexOf('@');
        var valid = id.Length <= MaxSdName && at > 0 && at < id.Length - 1;
        foreach (var c in id)
        {
            if (!IsPrintUsAscii(c) || c is '=' or ']' or '"') valid = false;
        }
        for (var i = at + 1; valid && i < id.Length; i++)
        {
            if (id[i] != '.' && (id[i] < '0' || id[i] > '9')) valid = false;
        }
        if (!valid)
            throw new SyslogSettingException(SyslogSetting.StructuredDataId, $"The structured data id '{id}' is not name@enterprise-number (RFC 5424 section 7.2.2, at most 32 printable characters without '=', ']' or '\"'), such as okta@ followed by your organization's IANA private enterprise number.");
    }

    private static void WriteAscii(Stream output, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        output.Write(bytes, 0, bytes.Length);
    }
}
