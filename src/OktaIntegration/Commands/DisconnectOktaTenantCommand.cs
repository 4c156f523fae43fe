using System.Management.Automation;
using OktaIntegration.Core.Connection;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Closes the runspace's default Okta connection (or the one given) and discards its tokens.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "OktaTenant", HelpUri = HelpLinks.Base + "Disconnect-OktaTenant.md")]
[OutputType(typeof(void))]
public sealed class DisconnectOktaTenantCommand : OktaCmdlet
{
    /// <summary>A connection from Connect-OktaTenant -PassThru or Get-OktaConnection; by default the runspace's default one.</summary>
    [Parameter(ValueFromPipeline = true)]
    public OktaConnection? Connection { get; set; }

    protected override void ProcessRecord()
    {
        if (Connection == null && ConnectionRegistry.Current == null)
        {
            WriteVerbose("No Okta connection to disconnect.");
            return;
        }
        var closing = Connection ?? ConnectionRegistry.Current!;
        ConnectionRegistry.Disconnect(closing);
        WriteVerbose($"Disconnected {closing}.");
    }
}
