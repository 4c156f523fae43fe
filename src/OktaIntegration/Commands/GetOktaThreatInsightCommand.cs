using System;
using System.Management.Automation;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Posture;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Gets the org's ThreatInsight configuration: its action and excluded zones.</para>
/// <para type="description">Action is None, Audit (log security.threat.detected) or Block. Excluded zones are shown by name when the connection can read network zones.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OktaThreatInsight", HelpUri = HelpLinks.Base + "Get-OktaThreatInsight.md")]
[OutputType(typeof(OktaThreatInsight))]
public sealed class GetOktaThreatInsightCommand : OktaConnectedCmdlet
{
    protected override void EndProcessing()
    {
        try
        {
            WriteObject(Run(ct => new ThreatInsightClient(ActiveConnection.Transport).GetAsync(ct)));
        }
        catch (Exception ex) when (ex is OktaApiException || ex is CrossOriginException)
        {
            Terminate(ex, null);
        }
    }
}
