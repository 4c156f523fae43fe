using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Numerics;

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

    /// <summary>
    /// Blocks with more addresses than an IPv4 /8 need the caller's explicit consent
    /// (Block-OktaIpAddress -Force): one such entry can shut out a whole provider's customers.
    /// </summary>
    public const int IPv4ConsentPrefixLength = 8;

    /// <summary>Blocks with more addresses than an IPv6 /32 (a typical provider allocation) need explicit consent.</summary>
    public const int IPv6ConsentPrefixLength = 32;

    /// <summary>How many addresses the entry covers.</summary>
    public BigInteger AddressCount => ToNumber(_last) - ToNumber(_first) + 1;

    /// <summary>
    /// True when the entry covers every IPv4 or every IPv6 address, whatever the notation
    /// ("0.0.0.0/0", "0.0.0.0-255.255.255.255", "::-ffff:…:ffff"), or every IPv4 address written
    /// as IPv4-mapped IPv6 (::ffff:0.0.0.0/96). Such an entry locks everyone out of the org.
    /// </summary>
    public bool CoversEveryAddress => DescribeEverything() != null;

    /// <summary>
    /// True when the entry has more addresses than an IPv4 /8 or an IPv6 /32 (or, for IPv6, more
    /// IPv4-mapped addresses than an IPv4 /8): large enough that blocking it should be deliberate.
    /// </summary>
    public bool IsVeryLarge =>
        Family == AddressFamily.InterNetwork
            ? AddressCount > BigInteger.Pow(2, 32 - IPv4ConsentPrefixLength)
            : AddressCount > BigInteger.Pow(2, 128 - IPv6ConsentPrefixLength) || MappedIPv4Count() > BigInteger.Pow(2, 32 - IPv4ConsentPrefixLength);

    /// <summary>The size in words: "33,554,432 addresses", or for IPv6 "2^97 addresses" (rounded down to a power of two).</summary>
    public string DescribeSize()
    {
        var count = AddressCount;
        if (Family == AddressFamily.InterNetwork) return count.ToString("N0", CultureInfo.InvariantCulture) + (count == 1 ? " address" : " addresses");
        if (count < BigInteger.Pow(2, 32)) return count.ToString("N0", CultureInfo.InvariantCulture) + (count == 1 ? " address" : " addresses");
        var power = (int)Math.Floor(BigInteger.Log(count, 2) + 1e-9);
        return (BigInteger.Pow(2, power) == count ? "2^" : "over 2^") + power.ToString(CultureInfo.InvariantCulture) + " addresses";
    }

    /// <summary>The consent limit in words, for messages: "an IPv4 /8 (16,777,216 addresses)" or "an IPv6 /32 (2^96 addresses) or an IPv4 /8 in IPv4-mapped form".</summary>
    public string DescribeConsentLimit() =>
        Family == AddressFamily.InterNetwork
            ? $"an IPv4 /{IPv4ConsentPrefixLength} ({BigInteger.Pow(2, 32 - IPv4ConsentPrefixLength).ToString("N0", CultureInfo.InvariantCulture)} addresses)"
            : $"an IPv6 /{IPv6ConsentPrefixLength} (2^{128 - IPv6ConsentPrefixLength} addresses) or an IPv4 /{IPv4ConsentPrefixLength} in IPv4-mapped form";

    /// <summary>
    /// Parses what a user typed (an address, a CIDR block or a low-high range) for a blocklist;
    /// throws with what is wrong and how to write it. Ambiguous notations (leading zeros,
    /// shortened, hex or single-number IPv4) and entries covering every address are refused.
    /// </summary>
    public static IpAddressEntry Parse(string? text)
    {
        if (TryParse(text, out var entry, out var problem)) return entry!;
        throw new ArgumentException(problem);
    }

    /// <inheritdoc cref="Parse"/>
    public static bool TryParse(string? text, out IpAddressEntry? entry, out string? problem) =>
        TryParse(text, out entry, out problem, out _);

    /// <summary>As <see cref="Parse"/>; <paramref name="refusal"/> says what kind of problem there was, so callers can tell a typo from an ambiguity or a lock-out.</summary>
    public static bool TryParse(string? text, out IpAddressEntry? entry, out string? problem, out IpAddressRefusal refusal)
    {
        refusal = IpAddressRefusal.None;
        if (!TryRead(text, out entry, out problem, out var ambiguous))
        {
            refusal = ambiguous ? IpAddressRefusal.Ambiguous : IpAddressRefusal.Invalid;
            return false;
        }
        if (entry!.DescribeEverything() is { } everything)
        {
            problem = $"'{(text ?? string.Empty).Trim()}' covers {everything}, which would lock everyone out of the org, administrators included. " +
                      "Entries that cover every address are refused in any notation (CIDR or range). Give a narrower block.";
            entry = null;
            refusal = IpAddressRefusal.CoversEveryAddress;
            return false;
        }
        return true;
    }

    /// <summary>
    /// Reads an entry already in a zone. Null when Okta holds something this parser does not
    /// understand or that is ambiguous (such as a leading zero); such entries are kept untouched.
    /// An entry covering every address is read as what it is, so coverage is judged right.
    /// </summary>
    public static IpAddressEntry? FromZone(string? type, string? value)
    {
        if (value == null || !TryRead(value, out var entry, out _, out _)) return null;
        return entry;
    }

    /// <summary>The syntax: a strict address, CIDR block or range, in canonical form.</summary>
    private static bool TryRead(string? text, out IpAddressEntry? entry, out string? problem, out bool ambiguous)
    {
        entry = null;
        problem = null;
        ambiguous = false;
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
            if (!IpAddressLiteral.TryParse(input.Substring(0, slash), out var address, out var why, out ambiguous))
            {
                problem = $"'{input}' is not a valid CIDR block: {why}. " + Forms;
                return false;
            }
            var prefixText = input.Substring(slash + 1).Trim();
            if (!int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefixText.Length > 3)
            {
                problem = $"'{input}' is not a valid CIDR block: the prefix length '{prefixText}' is not a number. " + Forms;
                return false;
            }
            if (prefixText.Length > 1 && prefixText[0] == '0')
            {
                problem = $"'{input}' is not a valid CIDR block: the prefix length '{prefixText}' has a leading zero, which some tools read as octal. Leading zeros are refused; write /{prefix}.";
                ambiguous = true;
                return false;
            }
            var bits = address!.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            if (prefix > bits)
            {
                problem = $"'{input}' has prefix length /{prefix}, but an {(bits == 32 ? "IPv4" : "IPv6")} prefix is at most /{bits}.";
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
        IPAddress? low = null, high = null;
        string? reason = null;
        if (!IpAddressLiteral.TryParse(lowText, out low, out reason, out ambiguous) || !IpAddressLiteral.TryParse(highText, out high, out reason, out ambiguous))
        {
            problem = $"'{input}' is not a valid IP address{(dash >= 0 ? " range" : string.Empty)}: {reason}. " + Forms;
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

    /// <summary>What the entry covers entirely, in words ("every IPv4 address"), or null when it does not cover a whole family.</summary>
    private string? DescribeEverything()
    {
        if (_first.All(b => b == 0) && _last.All(b => b == 0xff))
            return Family == AddressFamily.InterNetwork ? "every IPv4 address" : "every IPv6 address";
        if (Family == AddressFamily.InterNetworkV6 && Compare(_first, MappedFirst) <= 0 && Compare(_last, MappedLast) >= 0)
            return "every IPv4 address in IPv4-mapped IPv6 form (::ffff:0.0.0.0/96)";
        return null;
    }

    /// <summary>How many IPv4-mapped IPv6 addresses (::ffff:0.0.0.0/96) an IPv6 entry covers; IPv4 written another way.</summary>
    private BigInteger MappedIPv4Count()
    {
        if (Family != AddressFamily.InterNetworkV6) return BigInteger.Zero;
        var low = BigInteger.Max(ToNumber(_first), ToNumber(MappedFirst));
        var high = BigInteger.Min(ToNumber(_last), ToNumber(MappedLast));
        return high < low ? BigInteger.Zero : high - low + 1;
    }

    private static readonly byte[] MappedFirst = IPAddress.Parse("::ffff:0.0.0.0").GetAddressBytes();
    private static readonly byte[] MappedLast = IPAddress.Parse("::ffff:255.255.255.255").GetAddressBytes();

    /// <summary>The address as an unsigned number (BigInteger reads little-endian two's complement, hence the reversal and the zero byte).</summary>
    private static BigInteger ToNumber(byte[] bytes) => new(Enumerable.Reverse(bytes).Concat(new byte[] { 0 }).ToArray());

    private static int Compare(byte[] x, byte[] y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i]) return x[i].CompareTo(y[i]);
        }
        return 0;
    }
}
