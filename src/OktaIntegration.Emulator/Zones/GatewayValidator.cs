using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OktaIntegration.Emulator.Zones;

/// <summary>
/// Checks a zone entry the way Okta does before storing it: CIDR needs an IPv4 or IPv6 address and
/// a prefix that fits it; RANGE is one address or "low-high" of the same family with low ≤ high.
/// Written independently of the client's validator, so a bug in one cannot hide in the other.
/// </summary>
internal static class GatewayValidator
{
    /// <summary>Null when valid, else why not.</summary>
    public static string? Problem(string? type, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "value: The field cannot be left blank.";
        switch (type)
        {
            case "CIDR":
            {
                var slash = value.IndexOf('/');
                if (slash < 0) return $"Invalid CIDR '{value}': a CIDR needs a prefix length, e.g. 1.2.3.0/24.";
                if (!TryAddress(value.Substring(0, slash), out var address)) return $"Invalid CIDR '{value}': not an IP address.";
                var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
                if (!int.TryParse(value.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > max)
                    return $"Invalid CIDR '{value}': the prefix length must be 0 to {max}.";
                return null;
            }
            case "RANGE":
            {
                var dash = value.IndexOf('-');
                var lowText = dash < 0 ? value : value.Substring(0, dash);
                var highText = dash < 0 ? value : value.Substring(dash + 1);
                if (!TryAddress(lowText, out var low) || !TryAddress(highText, out var high)) return $"Invalid range '{value}': not an IP address or range.";
                if (low.AddressFamily != high.AddressFamily) return $"Invalid range '{value}': both ends must be IPv4 or both IPv6.";
                if (Compare(low, high) > 0) return $"Invalid range '{value}': the first address is after the second.";
                return null;
            }
            default:
                return $"type: '{type}' is not a gateway type; use CIDR or RANGE.";
        }
    }

    private static bool TryAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        text = text.Trim();
        if (text.Length == 0 || text.Contains('%')) return false;
        // IPAddress.TryParse accepts "1" and "1.2" as IPv4 shorthands; Okta wants four parts.
        if (!text.Contains(':') && text.Split('.').Length != 4) return false;
        if (!IPAddress.TryParse(text, out var parsed)) return false;
        address = parsed;
        return true;
    }

    private static int Compare(IPAddress a, IPAddress b)
    {
        var x = a.GetAddressBytes();
        var y = b.GetAddressBytes();
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i]) return x[i].CompareTo(y[i]);
        }
        return 0;
    }
}
