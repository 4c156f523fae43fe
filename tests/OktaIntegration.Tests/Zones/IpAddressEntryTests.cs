using System;
using OktaIntegration.Core.Zones;
using Xunit;

namespace OktaIntegration.Tests.Zones;

public class IpAddressEntryTests
{
    [Theory]
    [InlineData("203.0.113.7", "RANGE", "203.0.113.7")]
    [InlineData(" 203.0.113.7 ", "RANGE", "203.0.113.7")]
    [InlineData("203.0.113.9/24", "CIDR", "203.0.113.0/24")]
    [InlineData("203.0.113.7-203.0.113.9", "RANGE", "203.0.113.7-203.0.113.9")]
    [InlineData("203.0.113.7-203.0.113.7", "RANGE", "203.0.113.7")]
    [InlineData("2001:DB8::7", "RANGE", "2001:db8::7")]
    [InlineData("2001:db8:1:2::/48", "CIDR", "2001:db8:1::/48")]
    [InlineData("2001:db8::1-2001:db8::ff", "RANGE", "2001:db8::1-2001:db8::ff")]
    public void Valid_input_becomes_its_canonical_zone_entry(string input, string type, string value)
    {
        var entry = IpAddressEntry.Parse(input);
        Assert.Equal(type, entry.Type);
        Assert.Equal(value, entry.Value);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("10", "not a valid IP address")]
    [InlineData("10.1.2", "not a valid IP address")]
    [InlineData("256.1.1.1", "not a valid IP address")]
    [InlineData("evil.example.com", "not a valid IP address")]
    [InlineData("10.0.0.0/33", "at most /32")]
    [InlineData("2001:db8::/129", "at most /128")]
    [InlineData("0.0.0.0/0", "lock everyone out")]
    [InlineData("::/0", "lock everyone out")]
    [InlineData("10.0.0.9-10.0.0.1", "backwards")]
    [InlineData("10.0.0.1-2001:db8::1", "mixes IPv4 and IPv6")]
    [InlineData("fe80::1%eth0", "not a valid IP address")]
    public void Invalid_input_is_refused_with_what_is_wrong(string input, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => IpAddressEntry.Parse(input));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Notations_of_the_same_addresses_are_equal_and_wider_blocks_cover_narrower()
    {
        Assert.Equal(IpAddressEntry.Parse("198.51.100.4"), IpAddressEntry.Parse("198.51.100.4/32"));
        Assert.Equal(IpAddressEntry.Parse("198.51.100.0/30"), IpAddressEntry.Parse("198.51.100.0-198.51.100.3"));
        Assert.True(IpAddressEntry.Parse("198.51.100.0/24").Covers(IpAddressEntry.Parse("198.51.100.77")));
        Assert.False(IpAddressEntry.Parse("198.51.100.77").Covers(IpAddressEntry.Parse("198.51.100.0/24")));
        Assert.False(IpAddressEntry.Parse("::ffff:198.51.100.0/120").Covers(IpAddressEntry.Parse("198.51.100.77")));
    }

    // IPAddress.TryParse (like inet_aton) reads a part with a leading zero as octal: "010.0.0.1"
    // was blocked as 8.0.0.1. Such input is refused, naming both readings.
    [Theory]
    [InlineData("010.0.0.1", "'010'", "10.0.0.1", "8.0.0.1")]
    [InlineData("192.168.010.001", "'010'", "192.168.10.1", "192.168.8.1")]
    [InlineData("10.0.0.09", "'09'", "10.0.0.9", null)]
    [InlineData("00.0.0.1", "'00'", "0.0.0.1", null)]
    [InlineData("010.0.0.0/24", "'010'", "10.0.0.0", "8.0.0.0")]
    [InlineData("10.0.0.1-10.0.0.010", "'010'", "10.0.0.10", "10.0.0.8")]
    [InlineData("::ffff:10.0.0.010", "'010'", "10.0.0.10", "10.0.0.8")]
    [InlineData("10.0.0.0/08", "'08'", "/8", null)]
    public void Leading_zeros_are_refused_as_ambiguous_naming_both_readings(string input, string part, string decimalReading, string? octalReading)
    {
        var error = Assert.Throws<ArgumentException>(() => IpAddressEntry.Parse(input));
        Assert.Contains("leading zero", error.Message);
        Assert.Contains(part, error.Message);
        Assert.Contains(decimalReading, error.Message);
        if (octalReading != null) Assert.Contains(octalReading, error.Message);
    }

    // The other inet_aton forms that IPAddress.TryParse accepts, and a bracketed address with a port.
    [Theory]
    [InlineData("10.1", "shortened", "10.0.0.1")]
    [InlineData("10.1.2", "shortened", "10.1.0.2")]
    [InlineData("167772161", "single number", "10.0.0.1")]
    [InlineData("0x0a.0.0.1", "hexadecimal", "four decimal parts")]
    [InlineData("0xa000001", "hexadecimal", "four decimal parts")]
    [InlineData("::ffff:10.1", "shortened", "10.0.0.1")]
    [InlineData("[2001:db8::1]:443", "brackets or port", "2001:db8::1")]
    [InlineData("1.2.3.4.5", "not an IPv4 address", "four decimal parts")]
    public void Shortened_hex_numeric_and_bracketed_forms_are_refused(string input, string why, string hint)
    {
        var error = Assert.Throws<ArgumentException>(() => IpAddressEntry.Parse(input));
        Assert.Contains("not a valid IP address", error.Message);
        Assert.Contains(why, error.Message);
        Assert.Contains(hint, error.Message);
    }

    [Theory]
    [InlineData("010.0.0.1", IpAddressRefusal.Ambiguous)]
    [InlineData("10.1", IpAddressRefusal.Ambiguous)]
    [InlineData("0x0a.0.0.1", IpAddressRefusal.Ambiguous)]
    [InlineData("10.0.0.0/010", IpAddressRefusal.Ambiguous)]
    [InlineData("evil.example.com", IpAddressRefusal.Invalid)]
    [InlineData("256.1.1.1", IpAddressRefusal.Invalid)]
    [InlineData("0.0.0.0-255.255.255.255", IpAddressRefusal.CoversEveryAddress)]
    [InlineData("10.0.0.1", IpAddressRefusal.None)]
    public void TryParse_says_what_kind_of_refusal(string input, IpAddressRefusal expected)
    {
        IpAddressEntry.TryParse(input, out _, out _, out var refusal);
        Assert.Equal(expected, refusal);
    }

    // The /0 guard used to look at CIDR prefixes only; ranges wrote 0.0.0.0-255.255.255.255 to the zone.
    [Theory]
    [InlineData("0.0.0.0-255.255.255.255", "every IPv4 address")]
    [InlineData(" 0.0.0.0 - 255.255.255.255 ", "every IPv4 address")]
    [InlineData("0.0.0.0/0", "every IPv4 address")]
    [InlineData("123.4.5.6/0", "every IPv4 address")]
    [InlineData("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "every IPv6 address")]
    [InlineData("0:0:0:0:0:0:0:0-FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF", "every IPv6 address")]
    [InlineData("::/0", "every IPv6 address")]
    [InlineData("::ffff:0.0.0.0/96", "IPv4-mapped")]
    [InlineData("::ffff:0:0-::ffff:ffff:ffff", "IPv4-mapped")]
    [InlineData("::/64", "IPv4-mapped")]
    public void Entries_covering_every_address_are_refused_in_any_notation(string input, string what)
    {
        var error = Assert.Throws<ArgumentException>(() => IpAddressEntry.Parse(input));
        Assert.Contains("lock everyone out", error.Message);
        Assert.Contains(what, error.Message);
    }

    [Theory]
    [InlineData("10.0.0.0/8", false)]
    [InlineData("0.0.0.0-0.255.255.255", false)]
    [InlineData("10.0.0.0/7", true)]
    [InlineData("0.0.0.0-1.0.0.0", true)]
    [InlineData("0.0.0.0/1", true)]
    [InlineData("2001:db8::/32", false)]
    [InlineData("2001:db8::/31", true)]
    [InlineData("2000::-2001:0:0:1::", true)]
    [InlineData("::ffff:10.0.0.0/104", false)]
    [InlineData("::ffff:0.0.0.0/103", true)]
    [InlineData("203.0.113.7", false)]
    public void Blocks_larger_than_an_IPv4_slash_8_or_an_IPv6_slash_32_are_very_large(string input, bool veryLarge)
    {
        Assert.Equal(veryLarge, IpAddressEntry.Parse(input).IsVeryLarge);
    }

    [Fact]
    public void Sizes_are_described_in_addresses()
    {
        Assert.Equal("33,554,432 addresses", IpAddressEntry.Parse("10.0.0.0/7").DescribeSize());
        Assert.Equal("2^97 addresses", IpAddressEntry.Parse("2000::/31").DescribeSize());
        Assert.Equal("256 addresses", IpAddressEntry.Parse("2001:db8::/120").DescribeSize());
        Assert.Equal(new System.Numerics.BigInteger(16_777_216), IpAddressEntry.Parse("10.0.0.0/8").AddressCount);
    }

    [Fact]
    public void An_entry_already_in_a_zone_is_read_even_when_it_covers_everything_so_coverage_is_right()
    {
        var everything = IpAddressEntry.FromZone("RANGE", "0.0.0.0-255.255.255.255");
        Assert.NotNull(everything);
        Assert.True(everything!.CoversEveryAddress);
        Assert.True(everything.Covers(IpAddressEntry.Parse("198.51.100.7")));
        // An ambiguous entry in a zone is not guessed at: it is carried over untouched.
        Assert.Null(IpAddressEntry.FromZone("RANGE", "010.0.0.1"));
    }
}
