using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// One page as the reader hands it over: the events not seen before (repeats already dropped)
/// and where to resume once all of them have been delivered.
/// </summary>
public sealed class SystemLogPage
{
    /// <summary>The body the events are slices of, when the reader took it from a pool; see <see cref="TakeBody"/>.</summary>
    private byte[]? _pooledBody;

    internal SystemLogPage(Uri requestUri, Uri? nextLink, IReadOnlyList<OktaLogEvent> events, int received, int duplicates, bool isLast, bool truncated, byte[]? pooledBody = null)
    {
        _pooledBody = pooledBody;
        RequestUri = requestUri;
        NextLink = nextLink;
        Events = events;
        Received = received;
        Duplicates = duplicates;
        IsLast = isLast;
        Truncated = truncated;
    }

    /// <summary>The URL this page was read from.</summary>
    public Uri RequestUri { get; }

    /// <summary>Okta's next link; null on the last page of a bounded query.</summary>
    public Uri? NextLink { get; }

    /// <summary>Events to deliver, in Okta's order, without repeats.</summary>
    public IReadOnlyList<OktaLogEvent> Events { get; }

    /// <summary>Events Okta sent in this page, repeats included.</summary>
    public int Received { get; }

    /// <summary>Events dropped because they had already been delivered.</summary>
    public int Duplicates { get; }

    /// <summary>Nothing follows: a bounded query's last page, the empty page that ends a non-Follow polling run, or -First reached.</summary>
    public bool IsLast { get; }

    /// <summary>-First stopped in the middle of this page: a resume must read it again (the window drops what was delivered).</summary>
    public bool Truncated { get; }

    /// <summary>Where to resume when every event of this page has been delivered; null when a bounded query is complete.</summary>
    public Uri? ResumeUri => Truncated ? RequestUri : NextLink;

    /// <summary>
    /// The pooled body, once: for <see cref="Http.ResponseBodyPool.Return"/> when nothing will read
    /// this page's events again (their raw bytes, and the lazy detail, are in it). Null when the
    /// body was not pooled or has been taken already, so a body cannot be returned twice.
    /// </summary>
    internal byte[]? TakeBody()
    {
        var body = _pooledBody;
        _pooledBody = null;
        return body;
    }
}
