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
        Assert.False(IpAddressEntry.Parse("::ffff:0:0/96").Covers(IpAddressEntry.Parse("198.51.100.77")));
    }
}
