using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace OktaIntegration.Core.Zones;

/// <summary>
/// One blocklist change at a time per org in this process. Okta's zone PUT replaces the whole zone
/// and takes no precondition (okta-api-facts §7), so two read-modify-writes that overlap lose the
/// first one's change: the later write starts from the zone as it was before the earlier one. A
/// runbook that blocks addresses from parallel runspaces (ForEach-Object -Parallel, one process,
/// one loaded Core) would silently undo some of its own blocks. Per org, not per zone: a zone can
/// be named by id, by name or by default, and the key must not depend on how it was named.
/// Writers in other processes and other admins are not covered; the README says so.
/// </summary>
internal static class ZoneWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for the org's other changes in this process to finish; dispose the result to let the next one in.</summary>
    public static async Task<IDisposable> EnterAsync(string orgOrigin, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(orgOrigin, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Exit(gate);
    }

    private sealed class Exit : IDisposable
    {
        private SemaphoreSlim? _gate;

        public Exit(SemaphoreSlim gate)
        {
            _gate = gate;
        }

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }
}
