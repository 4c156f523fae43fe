using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.SystemLog;
using Xunit;

namespace OktaIntegration.Tests.SystemLog;

public class ExportReadAheadTests
{
    private sealed class Page
    {
        public Page(int number, bool last)
        {
            Number = number;
            Last = last;
        }

        public int Number { get; }

        public bool Last { get; }
    }

    [Fact]
    public async Task Pages_come_in_order_and_the_reading_stops_after_the_last()
    {
        var asked = 0;
        var ahead = new ExportReadAhead<Page>(_ => Task.FromResult<Page?>(new Page(++asked, asked == 5)), p => p.Last, depth: 2, CancellationToken.None);
        var taken = new List<int>();
        while (await ahead.TakeAsync(CancellationToken.None) is { } page) taken.Add(page.Number);
        await ahead.StopAsync();
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, taken);
        Assert.Equal(5, asked); // nothing asked for after the last page
    }

    [Fact]
    public async Task It_reads_no_more_than_depth_pages_ahead_of_the_one_taken()
    {
        var asked = 0;
        var ahead = new ExportReadAhead<Page>(_ => Task.FromResult<Page?>(new Page(Interlocked.Increment(ref asked), false)), p => p.Last, depth: 2, CancellationToken.None);
        // Nothing taken yet: two pages prepared and the loop waits for a free slot.
        await WaitUntil(() => Volatile.Read(ref asked) == 2);
        await Task.Delay(100);
        Assert.Equal(2, Volatile.Read(ref asked));
        Assert.Equal(1, (await ahead.TakeAsync(CancellationToken.None))!.Number);
        await WaitUntil(() => Volatile.Read(ref asked) == 3);
        await Task.Delay(100);
        Assert.Equal(3, Volatile.Read(ref asked));
        await ahead.StopAsync();
    }

    [Fact]
    public async Task A_read_failure_comes_after_the_pages_read_before_it()
    {
        var asked = 0;
        var ahead = new ExportReadAhead<Page>(_ =>
        {
            if (++asked == 3) throw new InvalidOperationException("page 3 could not be read");
            return Task.FromResult<Page?>(new Page(asked, false));
        }, p => p.Last, depth: 4, CancellationToken.None);
        Assert.Equal(1, (await ahead.TakeAsync(CancellationToken.None))!.Number);
        Assert.Equal(2, (await ahead.TakeAsync(CancellationToken.None))!.Number);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ahead.TakeAsync(CancellationToken.None));
        Assert.Equal("page 3 could not be read", failure.Message);
        await ahead.StopAsync();
        Assert.Equal(3, asked);
    }

    [Fact]
    public async Task Stopping_cancels_a_read_under_way_and_waits_for_it()
    {
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = false;
        var ahead = new ExportReadAhead<Page>(async token =>
        {
            started.TrySetResult(true);
            try
            {
                await Task.Delay(Timeout.Infinite, token);
                return null;
            }
            finally
            {
                ended = true;
            }
        }, p => p.Last, depth: 2, CancellationToken.None);
        await started.Task;
        await ahead.StopAsync();
        Assert.True(ended);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }
}
