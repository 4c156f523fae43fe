using System;
using System.Linq;
using System.Management.Automation;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Posture;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Sets what Okta ThreatInsight does with requests from suspicious IPs, and which zones it ignores.</para>
/// <para type="description">-Action None, Audit or Block; -ExcludeZone names IP network zones by name or id, all checked before anything is written. Turning ThreatInsight off (None) is high impact and asks for confirmation unless -Confirm:$false or -Force. Okta logs the change as security.threat.configuration.update.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "OktaThreatInsight", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-OktaThreatInsight.md")]
[OutputType(typeof(OktaThreatInsight))]
public sealed class SetOktaThreatInsightCommand : OktaConnectedCmdlet
{
    /// <summary>None, Audit or Block.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public ThreatInsightActionName Action { get; set; }

    /// <summary>IP network zones (names or ids) ThreatInsight must not act on. Omitted: no zone is excluded.</summary>
    [Parameter]
    [ValidateNotNull]
    public string[] ExcludeZone { get; set; } = Array.Empty<string>();

    /// <summary>Turn ThreatInsight off (None) without the extra confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write the configuration Okta stored.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var action = (ThreatInsightAction)(int)Action;
        var client = new ThreatInsightClient(ActiveConnection.Transport);
        System.Collections.Generic.IReadOnlyList<(string Id, string Name)> zones;
        try
        {
            // Every zone is checked before anything is written, so a typo never clears the exclusions.
            zones = Run(ct => client.ResolveZonesAsync(ExcludeZone, ct));
        }
        catch (ThreatInsightZoneException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ex.NotFound ? ErrorIds.ZoneNotFound : ErrorIds.ZoneNotIp,
                ex.NotFound ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument, ex.Zone));
            return;
        }
        catch (Exception ex) when (ex is OktaApiException || ex is CrossOriginException)
        {
            Terminate(ex, ExcludeZone);
            return;
        }

        var target = "ThreatInsight (" + ActiveConnection.OrgUrl + ")";
        var change = $"Set action to {ThreatInsightClient.Wire(action)}" + (zones.Count > 0 ? ", excluding " + string.Join(", ", zones.Select(z => z.Name)) : ", excluding no zone");
        if (!ShouldProcess(target, change)) return;
        if (action == ThreatInsightAction.None && !Force && !ConfirmedExplicitly()
            && !ShouldContinue("Turning ThreatInsight off stops Okta from logging and blocking requests from known-malicious IPs. Continue?", "Set ThreatInsight to None"))
        {
            return;
        }
        try
        {
            var stored = Run(ct => client.SetAsync(action, zones, ct));
            if (PassThru) WriteObject(stored);
        }
        catch (Exception ex) when (ex is OktaApiException || ex is CrossOriginException)
        {
            Terminate(ex, target);
        }
    }

    /// <summary>None is high impact: it prompts unless the caller already said -Confirm or -Confirm:$false, or $ConfirmPreference is None.</summary>
    private bool ConfirmedExplicitly()
    {
        if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm)) return true;
        var preference = SessionState.PSVariable.GetValue("ConfirmPreference");
        return preference is ConfirmImpact impact && impact == ConfirmImpact.None;
    }
}
