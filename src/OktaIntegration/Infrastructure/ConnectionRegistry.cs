using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using OktaIntegration.Core.Connection;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// The connections of each runspace: the default one and every live one. Keyed weakly by the
/// runspace, so parallel runspaces (ForEach-Object -Parallel, Start-ThreadJob, a runbook host)
/// never see each other's org.
/// A connection the user was given (-PassThru, Get-OktaConnection) stays usable until they pass
/// it to Disconnect-OktaTenant or the module is removed: connecting again only changes the
/// default. A default nobody was given is closed when a new one replaces it, since nothing
/// could use it any more.
/// </summary>
public static class ConnectionRegistry
{
    private static readonly ConditionalWeakTable<Runspace, Holder> Connections = new();

    public static OktaConnection? Current
    {
        get
        {
            var holder = HolderOrNull();
            if (holder == null) return null;
            lock (holder) return holder.Current;
        }
    }

    /// <summary>This runspace's open connections, in the order they were made.</summary>
    public static IReadOnlyList<OktaConnection> Live
    {
        get
        {
            var holder = HolderOrNull();
            if (holder == null) return new OktaConnection[0];
            lock (holder)
            {
                holder.Entries.RemoveAll(e => e.Connection.IsDisposed);
                return holder.Entries.Select(e => e.Connection).ToList();
            }
        }
    }

    /// <summary>Adds <paramref name="connection"/> and makes it the default; closes the previous default only if nobody was given it.</summary>
    public static void Add(OktaConnection connection, bool handedOut)
    {
        var holder = HolderOrCreate();
        if (holder == null) return;
        OktaConnection? toClose = null;
        lock (holder)
        {
            var previous = holder.Current;
            if (previous != null && !ReferenceEquals(previous, connection) && holder.Find(previous)?.HandedOut != true)
            {
                holder.Entries.RemoveAll(e => ReferenceEquals(e.Connection, previous));
                toClose = previous;
            }
            if (holder.Find(connection) is not { } entry) holder.Entries.Add(entry = new Entry(connection));
            entry.HandedOut |= handedOut;
            holder.Current = connection;
        }
        toClose?.Dispose();
    }

    /// <summary>Adds a connection the user is given without making it the default (Connect-OktaTenant -SettingsPath: many orgs, no default among them).</summary>
    public static void Keep(OktaConnection connection)
    {
        var holder = HolderOrCreate();
        if (holder == null) return;
        lock (holder)
        {
            if (holder.Find(connection) is not { } entry) holder.Entries.Add(entry = new Entry(connection));
            entry.HandedOut = true;
        }
    }

    /// <summary>Remembers that the user now holds <paramref name="connection"/> (e.g. from Get-OktaConnection), so a later connect keeps it open.</summary>
    public static void MarkHandedOut(OktaConnection connection)
    {
        var holder = HolderOrNull();
        if (holder == null) return;
        lock (holder)
        {
            if (holder.Find(connection) is { } entry) entry.HandedOut = true;
        }
    }

    /// <summary>Closes <paramref name="connection"/> (by default the current one) and forgets it; if it was the default there is none afterwards.</summary>
    public static void Disconnect(OktaConnection? connection = null)
    {
        var holder = HolderOrNull();
        if (holder != null)
        {
            lock (holder)
            {
                connection ??= holder.Current;
                if (connection == null) return;
                holder.Entries.RemoveAll(e => ReferenceEquals(e.Connection, connection));
                if (ReferenceEquals(holder.Current, connection)) holder.Current = null;
            }
        }
        connection?.Dispose();
    }

    /// <summary>Closes every connection of this runspace (Remove-Module).</summary>
    public static void DisconnectAll()
    {
        var holder = HolderOrNull();
        if (holder == null) return;
        List<OktaConnection> all;
        lock (holder)
        {
            all = holder.Entries.Select(e => e.Connection).ToList();
            if (holder.Current != null && !all.Contains(holder.Current)) all.Add(holder.Current);
            holder.Entries.Clear();
            holder.Current = null;
        }
        foreach (var connection in all) connection.Dispose();
    }

    private static Holder? HolderOrNull()
    {
        var runspace = Runspace.DefaultRunspace;
        return runspace != null && Connections.TryGetValue(runspace, out var holder) ? holder : null;
    }

    private static Holder? HolderOrCreate()
    {
        var runspace = Runspace.DefaultRunspace;
        return runspace == null ? null : Connections.GetValue(runspace, _ => new Holder());
    }

    private sealed class Holder
    {
        public OktaConnection? Current { get; set; }

        public List<Entry> Entries { get; } = new();

        public Entry? Find(OktaConnection connection) => Entries.FirstOrDefault(e => ReferenceEquals(e.Connection, connection));
    }

    private sealed class Entry
    {
        public Entry(OktaConnection connection)
        {
            Connection = connection;
        }

        public OktaConnection Connection { get; }

        public bool HandedOut { get; set; }
    }
}
