using System.Management.Automation;
using OktaIntegration.Core.Connection;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Forgets the runspace's Okta connection (or the one given) and discards its tokens.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "OktaTenant", HelpUri = HelpLinks.Base + "Disconnect-OktaTenant.md")]
[OutputType(typeof(void))]
public sealed class DisconnectOktaTenantCommand : OktaCmdlet
{
    /// <summary>A connection from Connect-OktaTenant -PassThru; by default the runspace's current one.</summary>
    [Parameter(ValueFromPipeline = true)]
    public OktaConnection? Connection { get; set; }

    protected override void ProcessRecord()
    {
        var current = ConnectionRegistry.Current;
        if (Connection == null || ReferenceEquals(Connection, current))
        {
            if (current == null) WriteVerbose("No Okta connection to disconnect.");
            ConnectionRegistry.SetCurrent(null);
            return;
        }
        Connection.Dispose();
    }
}
