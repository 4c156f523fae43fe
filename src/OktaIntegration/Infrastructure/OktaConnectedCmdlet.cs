using System;
using System.Management.Automation;
using OktaIntegration.Core.Connection;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// Base of every cmdlet that calls Okta: -Connection, else the runspace's default connection
/// from Connect-OktaTenant; a clear error when there is neither.
/// </summary>
public abstract class OktaConnectedCmdlet : OktaCmdlet
{
    /// <summary>The org to use; defaults to the one Connect-OktaTenant connected last in this runspace.</summary>
    [Parameter]
    [ValidateNotNull]
    public OktaConnection? Connection { get; set; }

    /// <summary>The connection this invocation uses; resolved in BeginProcessing.</summary>
    protected OktaConnection ActiveConnection { get; private set; } = null!;

    protected override void BeginProcessing()
    {
        ActiveConnection = ResolveConnection(Connection);
        base.BeginProcessing();
    }
}
