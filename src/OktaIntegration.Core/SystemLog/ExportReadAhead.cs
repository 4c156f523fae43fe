using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// The exporter's pages, read and put into the export's schema by one loop of their own, up to
/// <c>depth</c> pages ahead of delivery. The loop takes pages from the reader one at a time and in
/// order (the reader records a page's uuids when it hands it over, and each page's cursor is
/// captured right then), so reading ahead never reorders events or lets a saved cursor skip one.
/// It runs on whether or not delivery is waiting for a disk flush or an acknowledgement: with a
/// single page ahead, a slow send held back the next page's request and the cores sat idle.
/// Reading ahead does not add repeats after a crash: a page that was never sent is simply read again.
/// </summary>
/// <typeparam name="TPage">A prepared page; null (the end of the read) is passed through as the last item.</typeparam>
internal sealed class ExportReadAhead<TPage>
    where TPage : class
{
    private readonly ConcurrentQueue<TPage?> _ready = new();
    private readonly SemaphoreSlim _readyCount = new(0);
    private readonly SemaphoreSlim _freeSlots;
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;
    private ExceptionDispatchInfo? _failure;

    /// <param name="prepare">Takes and prepares the next page; null once the read has ended.</param>
    /// <param name="isLast">True for the read's last page: nothing is asked for after it.</param>
    /// <param name="depth">Pages prepared and not yet taken, at most.</param>
    public ExportReadAhead(Func<CancellationToken, Task<TPage?>> prepare, Func<TPage, bool> isLast, int depth, CancellationToken cancellationToken)
    {
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth));
        _freeSlots = new SemaphoreSlim(depth);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _loop = Task.Run(() => PrepareAllAsync(prepare, isLast, _stop.Token));
    }

    private async Task PrepareAllAsync(Func<CancellationToken, Task<TPage?>> prepare, Func<TPage, bool> isLast, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _freeSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
                var page = await prepare(cancellationToken).ConfigureAwait(false);
                _ready.Enqueue(page);
                _readyCount.Release();
                if (page == null) return;
                if (isLast(page))
                {
                    _ready.Enqueue(null);
                    _readyCount.Release();
                    return;
                }
            }
        }
        catch (Exception ex)
        {
            // Surfaces from TakeAsync after every page prepared before it, as if read in line.
            _failure = ExceptionDispatchInfo.Capture(ex);
            _readyCount.Release();
        }
    }

    /// <summary>The next page in order, null after the last; throws the failure that stopped the reading once the pages before it are taken.</summary>
    public async Task<TPage?> TakeAsync(CancellationToken cancellationToken)
    {
        await _readyCount.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_ready.TryDequeue(out var page))
        {
            _freeSlots.Release();
            return page;
        }
        _failure!.Throw();
        return null; // not reached
    }

    /// <summary>
    /// Stops reading ahead and waits for the loop to end, so nothing runs on after the run. Pages
    /// prepared and not taken are dropped: their cursors were never saved, so the next run reads
    /// them again. They are returned so the caller can wait for work they started. A failure is
    /// not thrown here: the run's outcome was decided by what stopped it.
    /// </summary>
    public async Task<IReadOnlyList<TPage?>> StopAsync()
    {
        _stop.Cancel();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The loop records its failures; this is only the cancellation of Task.Run itself.
        }
        _stop.Dispose();
        var untaken = new List<TPage?>();
        while (_ready.TryDequeue(out var page)) untaken.Add(page);
        return untaken;
    }
}
