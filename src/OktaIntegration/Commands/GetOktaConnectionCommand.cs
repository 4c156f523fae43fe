using System.Management.Automation;
using OktaIntegration.Core.Connection;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Shows the runspace's default Okta connection, or with -All every open one.</para>
/// <para type="description">Writes the connection itself (org, authentication type, client id, scopes, DPoP, token expiry, engine), so it can be passed to -Connection of any cmdlet. Writes nothing when not connected.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OktaConnection", HelpUri = HelpLinks.Base + "Get-OktaConnection.md")]
[OutputType(typeof(OktaConnection))]
public sealed class GetOktaConnectionCommand : OktaCmdlet
{
    /// <summary>Every open connection of this runspace (the default and those kept from Connect-OktaTenant -PassThru), oldest first.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    protected override void EndProcessing()
    {
        if (All)
        {
            foreach (var connection in ConnectionRegistry.Live) Write(connection);
            return;
        }
        if (ConnectionRegistry.Current is { } current) Write(current);
        else WriteVerbose("Not connected to Okta in this runspace; run Connect-OktaTenant.");
    }

    private void Write(OktaConnection connection)
    {
        // The user now holds it: connecting to another org must not close it under them.
        ConnectionRegistry.MarkHandedOut(connection);
        WriteObject(connection);
    }
}
