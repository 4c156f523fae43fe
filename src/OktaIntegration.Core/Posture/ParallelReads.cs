using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OktaIntegration.Core.Posture;

/// <summary>
/// Runs one read per item with at most N in flight. The transport's pacer decides when each may
/// go, so parallelism only hides latency and never pushes past the rate limit. The first failure
/// cancels the rest and is rethrown.
/// </summary>
internal static class ParallelReads
{
    public static async Task ForEachAsync<T>(IReadOnlyList<T> items, int parallelism, Func<T, CancellationToken, Task> read, CancellationToken cancellationToken)
    {
        if (items.Count == 0) return;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var next = -1;
        async Task Worker()
        {
            while (true)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= items.Count) return;
                linked.Token.ThrowIfCancellationRequested();
                try
                {
                    await read(items[index], linked.Token).ConfigureAwait(false);
                }
                catch
                {
                    linked.Cancel();
                    throw;
                }
            }
        }
        var workers = new List<Task>();
        for (var i = 0; i < Math.Max(1, Math.Min(parallelism, items.Count)); i++) workers.Add(Task.Run(Worker));
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A sibling failed and cancelled the others; surface the real failure, not the cancellation.
            foreach (var worker in workers)
            {
                if (worker.IsFaulted && worker.Exception!.InnerException is not OperationCanceledException) throw worker.Exception.InnerException!;
            }
            throw;
        }
    }
}
