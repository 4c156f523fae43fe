using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Groups;

/// <summary>
/// Walks a Link-header paged list one page at a time, following each <c>next</c> URL verbatim
/// (the transport refuses other origins). Only the current page is held, so a caller that
/// writes each page out and drops it reads a list of any size in constant memory.
/// A failed page, or a next link that repeats the page just read, throws; it is never taken as the end of the list. One page ahead: when a page
/// with a successor is returned, the request for the next one is already started, so it travels
/// while the caller writes this page out (at most one page is held besides the caller's; a
/// failure of the page ahead surfaces when it is asked for). <see cref="Dispose"/> stops it when
/// the caller ends early.
/// </summary>
public sealed class LinkPager<T> : IDisposable
{
    private readonly OktaTransport _transport;
    private readonly Func<OktaResponse, List<T>> _parse;
    private Uri? _next;
    private Task<(List<T> Items, Uri? Next)>? _ahead;
    private CancellationTokenSource? _aheadStop;

    public LinkPager(OktaTransport transport, Uri firstPage, Func<OktaResponse, List<T>> parse)
    {
        _transport = transport;
        _parse = parse;
        _next = firstPage;
    }

    /// <summary>True once the last page has been read.</summary>
    public bool IsComplete => _next == null;

    public int PagesRead { get; private set; }

    public long ItemsRead { get; private set; }

    /// <summary>The next page, or null when the list is complete.</summary>
    public async Task<IReadOnlyList<T>?> NextPageAsync(CancellationToken cancellationToken)
    {
        var uri = _next;
        if (uri == null) return null;
        var fetch = _ahead ?? FetchAsync(uri, cancellationToken);
        _ahead = null;
        var (items, next) = await fetch.ConfigureAwait(false);
        RepeatedNextLink.ThrowIfRepeats(uri, next);
        _next = next;
        PagesRead++;
        ItemsRead += items.Count;
        if (_next != null) _ahead = FetchAhead(_next, cancellationToken);
        return items;
    }

    /// <summary>Stops the request running ahead, if any (the caller is done before the list ended).</summary>
    public void Dispose()
    {
        try
        {
            _aheadStop?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That request had already finished.
        }
        _ahead = null;
    }

    private Task<(List<T> Items, Uri? Next)> FetchAsync(Uri uri, CancellationToken cancellationToken) =>
        _transport.SendAsync(new OktaRequest(HttpMethodKind.Get, uri), response => (_parse(response), response.NextLink), cancellationToken);

    private Task<(List<T> Items, Uri? Next)> FetchAhead(Uri uri, CancellationToken cancellationToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _aheadStop = stop;
        var task = Task.Run(() => FetchAsync(uri, stop.Token), stop.Token);
        // Observed here so a page nobody asks for any more is never an unobserved task exception;
        // disposing unregisters from the caller's token.
        task.ContinueWith(static (t, state) =>
        {
            _ = t.Exception;
            ((CancellationTokenSource)state!).Dispose();
        }, stop, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>Reads every remaining page into one list (for callers that need the whole list, like the role-sync planner).</summary>
    public async Task<List<T>> ReadAllAsync(CancellationToken cancellationToken, Action<LinkPager<T>>? afterEachPage = null)
    {
        var all = new List<T>();
        try
        {
            while (await NextPageAsync(cancellationToken).ConfigureAwait(false) is { } page)
            {
                all.AddRange(page);
                afterEachPage?.Invoke(this);
            }
        }
        finally
        {
            Dispose();
        }
        return all;
    }
}
