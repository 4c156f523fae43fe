namespace OktaIntegration.Core.Zones;

/// <summary>Why an address, CIDR block or range was refused for a blocklist.</summary>
public enum IpAddressRefusal
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>Not an address, block or range at all (a typo, a host name, a prefix too long).</summary>
    Invalid,

    /// <summary>
    /// An address to some tools, but two tools could read it as two different addresses: a part
    /// with a leading zero (octal to inet_aton and .NET), hex, a shortened form such as 10.1, or a
    /// single number.
    /// </summary>
    Ambiguous,

    /// <summary>Covers every IPv4 or every IPv6 address, in whatever notation: blocking it locks everyone out.</summary>
    CoversEveryAddress,
}
