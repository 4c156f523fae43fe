using System;
using System.Collections.Generic;
using System.Management.Automation;
using OktaIntegration.Core.Zones;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Adds IP addresses, CIDR blocks or ranges to an IP blocklist network zone (by default Okta's BlockedIpZone).</para>
/// <para type="description">Validates every address first, then reads the zone, adds what is not already blocked and
/// writes the zone once. Addresses already covered are reported as AlreadyBlocked. Refuses, without changing anything,
/// a change that would exceed Okta's 1000-entry blocklist limit. Refuses ambiguous notations (leading zeros such as
/// 010.0.0.1, hex, shortened forms such as 10.1) and any entry that covers every address; blocks larger than an IPv4 /8
/// or an IPv6 /32 need -Force. Binds ClientIp from System Log events. ConfirmImpact is High because the zone applies to
/// the whole org: it asks before every change unless -Confirm:$false.</para>
/// </summary>
[Cmdlet(VerbsSecurity.Block, "OktaIpAddress", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Block-OktaIpAddress.md")]
[OutputType(typeof(OktaIpBlockResult))]
public sealed class BlockOktaIpAddressCommand : OktaIpBlocklistCmdlet
{
    /// <summary>
    /// Allow blocks with more addresses than an IPv4 /8 (16,777,216) or an IPv6 /32 (2^96). Without
    /// it such an entry is an error and is not written. It does not skip the confirmation prompt.
    /// </summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override string ActionName => "Block";

    protected override ErrorRecord? Refuse(string? raw, IpAddressEntry entry)
    {
        if (!entry.IsVeryLarge || Force) return null;
        var message = $"'{(raw ?? string.Empty).Trim()}' ({entry}) covers {entry.DescribeSize()}, more than {entry.DescribeConsentLimit()}. " +
                      "A block this large can shut out whole networks of legitimate users. Nothing was blocked; check the entry, and add -Force if you mean it.";
        return new ErrorRecord(new ArgumentException(message), ErrorIds.IpBlockNeedsForce, ErrorCategory.InvalidArgument, raw);
    }

    protected override IpBlocklistUpdate Apply(NetworkZoneClient zones, IReadOnlyList<IpAddressEntry> entries) =>
        Run(ct => zones.BlockAsync(ZoneName, entries, ct));
}
