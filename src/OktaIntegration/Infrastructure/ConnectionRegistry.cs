using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using OktaIntegration.Core.Connection;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// The default connection of each runspace. Keyed weakly by the runspace, so parallel runspaces
/// (ForEach-Object -Parallel, Start-ThreadJob, a runbook host) never see each other's org.
/// </summary>
public static class ConnectionRegistry
{
    private static readonly ConditionalWeakTable<Runspace, Holder> Connections = new();

    public static OktaConnection? Current
    {
        get
        {
            var runspace = Runspace.DefaultRunspace;
            return runspace != null && Connections.TryGetValue(runspace, out var holder) ? holder.Connection : null;
        }
    }

    /// <summary>Makes <paramref name="connection"/> the runspace's default, disposing the one it replaces.</summary>
    public static void SetCurrent(OktaConnection? connection)
    {
        var runspace = Runspace.DefaultRunspace;
        if (runspace == null) return;
        var holder = Connections.GetValue(runspace, _ => new Holder());
        var previous = holder.Connection;
        holder.Connection = connection;
        if (previous != null && !ReferenceEquals(previous, connection)) previous.Dispose();
    }

    private sealed class Holder
    {
        public OktaConnection? Connection { get; set; }
    }
}
