using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.SystemLog;
using Xunit;

namespace OktaIntegration.Tests.SystemLog;

/// <summary>The read-ahead loop on the ways a run ends early: cancelled, a failure after the last page taken, a prepare that ignores cancellation, pages prepared and never taken.</summary>
public class ExportReadAheadStoppingTests
{
    private sealed class Page
    {
        public Page(int number) => Number = number;

        public int Number { get; }
    }

    [Fact]
    public async Task ReadAhead_a_cancelled_run_neither_hangs_nor_leaves_the_loop_running()
    {
        using var cts = new CancellationTokenSource();
        var asked = 0;
        var ahead = new ExportReadAhead<Page>(_ => Task.FromResult<Page?>(new Page(Interlocked.Increment(ref asked))), _ => false, depth: 2, cts.Token);
        Assert.Equal(1, (await ahead.TakeAsync(cts.Token))!.Number);
        cts.Cancel(); // the loop is blocked on a free slot or preparing: either way it must end
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ahead.TakeAsync(cts.Token));
        await ahead.StopAsync();
        var after = Volatile.Read(ref asked);
        Assert.InRange(after, 2, 3);
        await Task.Delay(50);
        Assert.Equal(after, Volatile.Read(ref asked));
    }

    [Fact]
    public async Task ReadAhead_a_failure_after_the_last_taken_page_surfaces_once_with_depth_one()
    {
        var asked = 0;
        var ahead = new ExportReadAhead<Page>(async token =>
        {
            await Task.Yield();
            if (++asked == 2) throw new IOException("page 2");
            return new Page(asked);
        }, _ => false, depth: 1, CancellationToken.None);
        Assert.Equal(1, (await ahead.TakeAsync(CancellationToken.None))!.Number);
        Assert.Equal("page 2", (await Assert.ThrowsAsync<IOException>(() => ahead.TakeAsync(CancellationToken.None))).Message);
        await ahead.StopAsync();
        Assert.Equal(2, asked);
    }

    [Fact]
    public async Task ReadAhead_stop_waits_for_a_prepare_that_ignores_cancellation()
    {
        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = false;
        var ahead = new ExportReadAhead<Page>(async _ =>
        {
            started.TrySetResult(true);
            await release.Task;
            finished = true;
            return new Page(1);
        }, _ => true, depth: 2, CancellationToken.None);
        await started.Task;
        var stop = ahead.StopAsync();
        Assert.False(stop.IsCompleted);
        release.SetResult(true);
        await stop;
        Assert.True(finished);
    }

    [Fact]
    public async Task ReadAhead_stop_hands_back_the_pages_prepared_and_never_taken_in_order()
    {
        // The exporter waits for the work those pages started (their normalization), so nothing
        // runs on after a run that stopped early.
        var asked = 0;
        var ahead = new ExportReadAhead<Page>(_ => Task.FromResult<Page?>(new Page(Interlocked.Increment(ref asked))), _ => false, depth: 2, CancellationToken.None);
        Assert.Equal(1, (await ahead.TakeAsync(CancellationToken.None))!.Number);
        while (Volatile.Read(ref asked) < 3) await Task.Delay(5); // pages 2 and 3 fill both slots
        var untaken = await ahead.StopAsync();
        Assert.Equal(new[] { 2, 3 }, untaken.Select(p => p!.Number));
    }
}
