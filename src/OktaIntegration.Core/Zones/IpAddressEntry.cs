using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OktaIntegration.Core.Zones;

/// <summary>
/// An address, CIDR block or range as a network-zone entry: validated (IPv4 or IPv6), in
/// canonical form, and as the first..last addresses it covers, so "1.2.3.4", "1.2.3.4/32" and
/// "1.2.3.4-1.2.3.4" are recognised as the same entry. A single address is stored the way Okta's
/// Admin Console stores it: type RANGE with the bare address.
/// </summary>
public sealed class IpAddressEntry : IEquatable<IpAddressEntry>
{
    private readonly byte[] _first;
    private readonly byte[] _last;

    private IpAddressEntry(string type, string value, byte[] first, byte[] last, AddressFamily family)
    {
        Type = type;
        Value = value;
        _first = first;
        _last = last;
        Family = family;
    }

    /// <summary>CIDR or RANGE, as Okta names the entry type.</summary>
    public string Type { get; }

    /// <summary>The canonical value sent to Okta: "1.2.3.0/24", "1.2.3.4", "1.2.3.4-1.2.3.9", "2001:db8::/32".</summary>
    public string Value { get; }

    public AddressFamily Family { get; }

    /// <summary>Parses what a user typed (an address, a CIDR block or a low-high range); throws with what is wrong and how to write it.</summary>
    public static IpAddressEntry Parse(string? text)
    {
        if (TryParse(text, out var entry, out var problem)) return entry!;
        throw new ArgumentException(problem);
    }

    public static bool TryParse(string? text, out IpAddressEntry? entry, out string? problem)
    {
        entry = null;
        problem = null;
        var input = (text ?? string.Empty).Trim();
        const string Forms = "Give an IPv4 or IPv6 address (203.0.113.7, 2001:db8::7), a CIDR block (203.0.113.0/24) or a range (203.0.113.7-203.0.113.9).";
        if (input.Length == 0)
        {
            problem = "The IP address is empty. " + Forms;
            return false;
        }

        var slash = input.IndexOf('/');
        var dash = input.IndexOf('-');
        if (slash >= 0)
        {
            if (!TryAddress(input.Substring(0, slash), out var address) ||
                !int.TryParse(input.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
            {
                problem = $"'{input}' is not a valid CIDR block. " + Forms;
                return false;
            }
            var bits = address!.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            if (prefix > bits)
            {
                problem = $"'{input}' has prefix length /{prefix}, but an {(bits == 32 ? "IPv4" : "IPv6")} prefix is at most /{bits}.";
                return false;
            }
            if (prefix == 0)
            {
                problem = $"'{input}' covers every {(bits == 32 ? "IPv4" : "IPv6")} address, which would lock everyone out of the org, administrators included. Give a narrower block.";
                return false;
            }
            var first = address.GetAddressBytes();
            var last = (byte[])first.Clone();
            for (var bit = prefix; bit < bits; bit++)
            {
                var mask = (byte)(0x80 >> (bit % 8));
                first[bit / 8] &= (byte)~mask;
                last[bit / 8] |= mask;
            }
            // Host bits are cleared so "10.1.2.3/24" and "10.1.2.0/24" are the same entry.
            entry = new IpAddressEntry("CIDR", new IPAddress(first) + "/" + prefix.ToString(CultureInfo.InvariantCulture), first, last, address.AddressFamily);
            return true;
        }

        var lowText = dash >= 0 ? input.Substring(0, dash) : input;
        var highText = dash >= 0 ? input.Substring(dash + 1) : input;
        if (!TryAddress(lowText, out var low) || !TryAddress(highText, out var high))
        {
            problem = $"'{input}' is not a valid IP address{(dash >= 0 ? " range" : string.Empty)}. " + Forms;
            return false;
        }
        if (low!.AddressFamily != high!.AddressFamily)
        {
            problem = $"The range '{input}' mixes IPv4 and IPv6; both ends must be the same kind.";
            return false;
        }
        var lowBytes = low.GetAddressBytes();
        var highBytes = high.GetAddressBytes();
        if (Compare(lowBytes, highBytes) > 0)
        {
            problem = $"The range '{input}' runs backwards; write the lower address first ({high}-{low}).";
            return false;
        }
        var value = Compare(lowBytes, highBytes) == 0 ? low.ToString() : low + "-" + high;
        entry = new IpAddressEntry("RANGE", value, lowBytes, highBytes, low.AddressFamily);
        return true;
    }

    /// <summary>Reads an entry already in a zone. Null when Okta holds something this parser does not understand; such entries are kept untouched.</summary>
    public static IpAddressEntry? FromZone(string? type, string? value)
    {
        if (value == null || !TryParse(value, out var entry, out _)) return null;
        return entry;
    }

    /// <summary>True when every address of <paramref name="other"/> is inside this entry.</summary>
    public bool Covers(IpAddressEntry other) =>
        Family == other.Family && Compare(_first, other._first) <= 0 && Compare(_last, other._last) >= 0;

    /// <summary>Same addresses, whatever the notation.</summary>
    public bool Equals(IpAddressEntry? other) =>
        other != null && Family == other.Family && Compare(_first, other._first) == 0 && Compare(_last, other._last) == 0;

    public override bool Equals(object? obj) => Equals(obj as IpAddressEntry);

    public override int GetHashCode()
    {
        var hash = (int)Family;
        foreach (var b in _first) hash = hash * 31 + b;
        foreach (var b in _last) hash = hash * 31 + b;
        return hash;
    }

    public override string ToString() => Value;

    /// <summary>Strict: four dotted parts for IPv4 (IPAddress.TryParse would take "10" as 0.0.0.10), no IPv6 zone index.</summary>
    private static bool TryAddress(string text, out IPAddress? address)
    {
        address = null;
        text = text.Trim();
        if (text.Length == 0 || text.IndexOf('%') >= 0) return false;
        if (text.IndexOf(':') < 0)
        {
            var parts = text.Split('.');
            if (parts.Length != 4) return false;
            foreach (var part in parts)
            {
                if (part.Length == 0 || part.Length > 3 || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 255) return false;
            }
        }
        if (!IPAddress.TryParse(text, out var parsed)) return false;
        if (parsed.AddressFamily != AddressFamily.InterNetwork && parsed.AddressFamily != AddressFamily.InterNetworkV6) return false;
        address = parsed;
        return true;
    }

    private static int Compare(byte[] x, byte[] y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i]) return x[i].CompareTo(y[i]);
        }
        return 0;
    }
}
