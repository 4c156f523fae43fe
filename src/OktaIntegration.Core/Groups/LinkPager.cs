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
/// A failed page throws; it is never taken as the end of the list.
/// </summary>
public sealed class LinkPager<T>
{
    private readonly OktaTransport _transport;
    private readonly Func<OktaResponse, List<T>> _parse;
    private Uri? _next;

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
        var (items, next) = await _transport.SendAsync(
            new OktaRequest(HttpMethodKind.Get, uri),
            response => (_parse(response), response.NextLink),
            cancellationToken).ConfigureAwait(false);
        // A next link equal to the page just read would loop forever; treat it as the end.
        _next = next != null && next != uri ? next : null;
        PagesRead++;
        ItemsRead += items.Count;
        return items;
    }

    /// <summary>Reads every remaining page into one list (for callers that need the whole list, like the role-sync planner).</summary>
    public async Task<List<T>> ReadAllAsync(CancellationToken cancellationToken, Action<LinkPager<T>>? afterEachPage = null)
    {
        var all = new List<T>();
        while (await NextPageAsync(cancellationToken).ConfigureAwait(false) is { } page)
        {
            all.AddRange(page);
            afterEachPage?.Invoke(this);
        }
        return all;
    }
}
