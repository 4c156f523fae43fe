using System.Collections.Generic;
using System.Management.Automation;
using OktaIntegration.Core.Zones;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Adds IP addresses, CIDR blocks or ranges to an IP blocklist network zone (by default Okta's BlockedIpZone).</para>
/// <para type="description">Validates every address first, then reads the zone, adds what is not already blocked and
/// writes the zone once. Addresses already covered are reported as AlreadyBlocked. Refuses, without changing anything,
/// a change that would exceed Okta's 1000-entry blocklist limit. Binds ClientIp from System Log events.</para>
/// </summary>
[Cmdlet(VerbsSecurity.Block, "OktaIpAddress", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Block-OktaIpAddress.md")]
[OutputType(typeof(OktaIpBlockResult))]
public sealed class BlockOktaIpAddressCommand : OktaIpBlocklistCmdlet
{
    protected override string ActionName => "Block";

    protected override IpBlocklistUpdate Apply(NetworkZoneClient zones, IReadOnlyList<IpAddressEntry> entries) =>
        Run(ct => zones.BlockAsync(ZoneName, entries, ct));
}
