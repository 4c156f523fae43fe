using System.Collections.Generic;
using System.Management.Automation;
using OktaIntegration.Core.Zones;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Removes IP addresses, CIDR blocks or ranges from an IP blocklist network zone (by default Okta's BlockedIpZone).</para>
/// <para type="description">Reads the zone, removes the matching entries and writes the zone once. An address that is
/// not listed is reported as NotBlocked; one that is still covered by a wider entry gets a warning naming it.</para>
/// </summary>
[Cmdlet(VerbsSecurity.Unblock, "OktaIpAddress", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Unblock-OktaIpAddress.md")]
[OutputType(typeof(OktaIpBlockResult))]
public sealed class UnblockOktaIpAddressCommand : OktaIpBlocklistCmdlet
{
    protected override string ActionName => "Unblock";

    protected override IpBlocklistUpdate Apply(NetworkZoneClient zones, IReadOnlyList<IpAddressEntry> entries) =>
        Run(ct => zones.UnblockAsync(ZoneName, entries, ct));
}
