using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace OktaIntegration.Core.Zones;

/// <summary>
/// Reads one IPv4 or IPv6 address strictly, refusing every form that two tools could read as two
/// different addresses. IPAddress.TryParse follows inet_aton: "010.0.0.1" is octal (8.0.0.1),
/// "0x0a.0.0.1" is hex, "10.1" is 10.0.0.1 and "167772161" is 10.0.0.1; Okta, a spreadsheet or
/// the analyst may read the same text differently, and a blocklist must block what was meant.
/// It also drops brackets and a port ("[2001:db8::1]:443"). So only four plain decimal parts are
/// IPv4, in an IPv6 address's dotted tail too.
/// </summary>
internal static class IpAddressLiteral
{
    /// <summary>
    /// The address, or why not as a sentence fragment that follows "… is not a valid IP address: ".
    /// <paramref name="ambiguous"/> is true when the text is an address to some tools but could mean two different ones.
    /// </summary>
    public static bool TryParse(string text, out IPAddress? address, out string? problem, out bool ambiguous)
    {
        address = null;
        problem = null;
        ambiguous = false;
        text = text.Trim();
        if (text.Length == 0)
        {
            problem = "an address is missing";
            return false;
        }
        if (text.IndexOf('[') >= 0 || text.IndexOf(']') >= 0)
        {
            problem = $"write the address without brackets or port ('{text}' looks like part of a URL)";
            return false;
        }
        if (text.IndexOf('%') >= 0)
        {
            problem = $"'{text}' has an IPv6 zone index (%…), which only means something on one machine";
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            if (!IsPlainDottedQuad(text, out problem, out ambiguous)) return false;
        }
        else if (text.IndexOf('.', colon) > colon)
        {
            // An IPv6 address may end in dotted IPv4 (::ffff:10.0.0.1); that tail has the same traps.
            if (!IsPlainDottedQuad(text.Substring(colon + 1), out problem, out ambiguous)) return false;
        }

        if (!IPAddress.TryParse(text, out var parsed) ||
            (parsed.AddressFamily != AddressFamily.InterNetwork && parsed.AddressFamily != AddressFamily.InterNetworkV6))
        {
            problem = $"'{text}' is not an IPv4 or IPv6 address";
            return false;
        }
        address = parsed;
        return true;
    }

    /// <summary>True when <paramref name="text"/> is four decimal parts 0-255 without leading zeros; else the reason.</summary>
    private static bool IsPlainDottedQuad(string text, out string? problem, out bool ambiguous)
    {
        problem = null;
        ambiguous = true;
        var parts = text.Split('.');
        if (parts.Any(IsHex))
        {
            problem = $"'{text}' has a hexadecimal part, which some tools accept and others read differently or refuse; write four decimal parts such as 10.0.0.1";
            return false;
        }
        if (parts.Length < 4 && parts.All(p => p.Length > 0 && p.All(IsDigit)))
        {
            var reading = ExpandedReading(parts) is { } expanded ? $" (as {expanded})" : string.Empty;
            problem = parts.Length == 1
                ? $"'{text}' is a single number, which some tools read as a whole IPv4 address{reading} and others refuse; write four decimal parts such as 10.0.0.1"
                : $"'{text}' is a shortened IPv4 address, which some tools expand{reading} and others refuse; write all four decimal parts";
            return false;
        }
        if (parts.Length != 4 || parts.Any(p => p.Length == 0 || p.Length > 3 || !p.All(IsDigit) || int.Parse(p, CultureInfo.InvariantCulture) > 255))
        {
            problem = $"'{text}' is not an IPv4 address (four decimal parts 0-255, such as 203.0.113.7)";
            ambiguous = false;
            return false;
        }
        var zeroPadded = parts.FirstOrDefault(p => p.Length > 1 && p[0] == '0');
        if (zeroPadded != null)
        {
            var asDecimal = string.Join(".", parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)));
            var asOctal = OctalReading(parts);
            var meaning = asOctal == null || asOctal == asDecimal
                ? $"write it as {asDecimal}"
                : $"write {asDecimal} if you mean decimal, or {asOctal} if you mean octal";
            problem = $"'{text}' is ambiguous: the part '{zeroPadded}' has a leading zero, which some tools (including .NET and inet_aton) read as octal and others as decimal. " +
                      $"Leading zeros are refused; {meaning}";
            return false;
        }
        ambiguous = false;
        return true;
    }

    /// <summary>How inet_aton reads the parts: a leading 0 is octal. Null when a part is not valid octal or overflows.</summary>
    private static string? OctalReading(string[] parts)
    {
        var values = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var p = parts[i];
            if (p.Length > 1 && p[0] == '0')
            {
                if (p.Any(c => c > '7')) return null;
                var value = p.Aggregate(0, (n, c) => n * 8 + (c - '0'));
                if (value > 255) return null;
                values[i] = value.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                values[i] = p;
            }
        }
        return string.Join(".", values);
    }

    /// <summary>inet_aton's reading of 1-3 decimal parts: the last part fills the remaining bytes. Null when it does not fit.</summary>
    private static string? ExpandedReading(string[] parts)
    {
        if (parts.Length > 4 || parts.Any(p => p.Length > 10)) return null;
        var bytes = new byte[4];
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var b) || b > 255) return null;
            bytes[i] = (byte)b;
        }
        if (!ulong.TryParse(parts[parts.Length - 1], NumberStyles.None, CultureInfo.InvariantCulture, out var rest)) return null;
        var restBytes = 4 - (parts.Length - 1);
        if (rest >= 1UL << (8 * restBytes)) return null;
        for (var i = 3; i >= parts.Length - 1; i--)
        {
            bytes[i] = (byte)(rest & 0xff);
            rest >>= 8;
        }
        return new IPAddress(bytes).ToString();
    }

    private static bool IsHex(string part) => part.Length > 1 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X');

    private static bool IsDigit(char c) => c >= '0' && c <= '9';
}
