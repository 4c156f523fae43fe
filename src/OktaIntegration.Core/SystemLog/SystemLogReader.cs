using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// Reads /api/v1/logs page by page. Each page is fetched and parsed inside the transport's
/// parse callback, so a page cut short or not JSON is fetched again like any failed attempt,
/// and 429s, 5xx, resets, token expiry and DPoP nonces are the transport's business. Okta's next
/// links are followed verbatim (the transport refuses any other origin). Repeats are dropped by
/// uuid with a <see cref="SeenUuidWindow"/>. A bounded query ends when Okta sends no next link;
/// a polling query ends at the first empty page, or with -Follow waits and polls again until
/// cancelled. The caller delivers each page and then saves <see cref="SystemLogPage.ResumeUri"/>;
/// the next page's request is already running meanwhile (see <see cref="ReadNextPageAsync"/>).
/// </summary>
public sealed class SystemLogReader : IDisposable
{
    private readonly OktaTransport _transport;
    private readonly SystemLogQuery _query;
    private readonly Uri? _resumeFrom;
    private readonly IProgress<SystemLogProgress>? _progress;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _delivered;
    private long _pages;
    private Uri? _uri;
    private bool _finished;
    private bool _waitBeforeNext;
    private DateTimeOffset? _newest;
    private Task<FetchedPage>? _ahead;
    private CancellationTokenSource? _aheadStop;

    public SystemLogReader(OktaTransport transport, SystemLogQuery query, Uri? resumeFrom = null, SeenUuidWindow? seen = null, IProgress<SystemLogProgress>? progress = null)
    {
        _transport = transport;
        _query = query;
        _resumeFrom = resumeFrom;
        _progress = progress;
        Seen = seen ?? new SeenUuidWindow();
        _newest = Seen.HighWaterMark == long.MinValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(Seen.HighWaterMark);
    }

    /// <summary>The uuids delivered recently; saved with the cursor.</summary>
    public SeenUuidWindow Seen { get; }

    /// <summary>
    /// Which fields each event gets; all unless the caller only forwards the events' own bytes
    /// (the exporter reads <see cref="LogEventFields.Envelope"/>).
    /// </summary>
    internal LogEventFields Fields { get; set; } = LogEventFields.All;

    /// <summary>
    /// Where page bodies come from; null (the default) for fresh arrays. Only for a caller that
    /// hands each page's body back (<see cref="SystemLogPage.TakeBody"/>) once nothing reads its
    /// events any more: the exporter, never Get-OktaSystemLog, whose events outlive the read.
    /// </summary>
    internal ResponseBodyPool? BodyPool { get; set; }

    /// <summary>Events handed over so far (after dropping repeats).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Takes back the events of <paramref name="page"/> from index <paramref name="delivered"/> on, which were not delivered (a run stopped mid-page).</summary>
    public void Undeliver(SystemLogPage page, int delivered)
    {
        for (var i = delivered; i < page.Events.Count; i++) Seen.Forget(page.Events[i].Uuid);
    }

    /// <summary>Every page until the read ends (see the class remarks).</summary>
    public async IAsyncEnumerable<SystemLogPage> ReadPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            while (await ReadNextPageAsync(cancellationToken).ConfigureAwait(false) is { } page)
            {
                yield return page;
            }
        }
        finally
        {
            Dispose(); // a consumer that stops early leaves no request running ahead
        }
    }

    /// <summary>
    /// The next page, or null once the read has ended. The pull form of <see cref="ReadPagesAsync"/>
    /// for callers that cannot use async streams (the netstandard2.0 cmdlets).
    /// </summary>
    /// <remarks>
    /// One page ahead: before a page that has a successor is returned, the request for the next
    /// one is started, so it travels while the caller delivers this page. Only the fetch runs
    /// ahead. Dropping repeats, adding to <see cref="Seen"/>, counting toward -First and deciding
    /// the end happen here, in the caller's order, when the caller asks for that page: so the
    /// window a caller saves with a page's cursor never holds the uuids of a page it has not
    /// been given, and a fetched page that was never asked for moves nothing. At most one
    /// request is ahead; a failure of it surfaces when its page is asked for.
    /// </remarks>
    public async Task<SystemLogPage?> ReadNextPageAsync(CancellationToken cancellationToken = default)
    {
        if (_finished) return null;
        cancellationToken.ThrowIfCancellationRequested();
        FetchedPage fetched;
        if (_ahead is { } ahead)
        {
            _ahead = null;
            fetched = await ahead.ConfigureAwait(false);
        }
        else
        {
            if (_waitBeforeNext)
            {
                // Caught up while following: give Okta time to store new events before asking again.
                _waitBeforeNext = false;
                await Task.Delay(_query.PollInterval, cancellationToken).ConfigureAwait(false);
            }
            _uri ??= _resumeFrom ?? _query.FirstPageUri(_transport.Org);
            fetched = await FetchAsync(_uri, cancellationToken).ConfigureAwait(false);
        }
        // Without -First, whether the read goes on after this page depends only on what Okta sent
        // (a next link, and for a polling query a page that is not empty), so the next request can
        // start before the repeats are dropped and the uuids recorded (a few hundred µs a page on
        // the export's critical path). With -First it depends on how many events are new.
        var startedEarly = _query.First == null && fetched.Next != null && !CaughtUp(fetched);
        if (startedEarly) _ahead = FetchAhead(fetched.Next!, cancellationToken);
        var page = Accept(fetched);
        if (!startedEarly && !page.IsLast && !_waitBeforeNext && page.NextLink != null)
        {
            _ahead = FetchAhead(page.NextLink, cancellationToken);
        }
        return page;
    }

    /// <summary>Stops the request running ahead, if any: the caller is done before the read ended.</summary>
    public void Dispose()
    {
        // Only a request nobody took: the source of one that was taken is disposed once it ends,
        // and cancelling it then would throw (caught below, but a first-chance exception on every
        // export's end is noise in a debugger).
        if (_ahead == null) return;
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

    private Task<FetchedPage> FetchAhead(Uri uri, CancellationToken cancellationToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _aheadStop = stop;
        var task = Task.Run(() => FetchAsync(uri, stop.Token), stop.Token);
        // Observed here so a request nobody asks for any more (the caller stopped) is never an
        // unobserved task exception; the caller that does ask gets the failure from its await.
        // Disposing unregisters from the caller's token (a -Follow run makes many of these).
        task.ContinueWith(static (t, state) =>
        {
            _ = t.Exception;
            ((CancellationTokenSource)state!).Dispose();
        }, stop, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>Network and parsing only: touches no reader state, so it can run ahead of the caller.</summary>
    private async Task<FetchedPage> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        var request = new OktaRequest(HttpMethodKind.Get, uri) { BodyPool = BodyPool };
        var fields = Fields;
        var (events, next, body) = await _transport.SendAsync(request, r => (LogPageParser.Parse(r.BodyMemory, fields), r.NextLink, r.Body), cancellationToken).ConfigureAwait(false);
        // Refuse a next link to another origin before delivering the page, so the cursor can
        // never be saved pointing there (the transport would refuse to send to it anyway).
        if (next != null) _transport.Org.EnsureSameOrigin(next);
        var org = _transport.Org.Origin;
        foreach (var e in events) e.SourceOrg = org;
        return new FetchedPage(uri, events, next, BodyPool != null ? body : null);
    }

    /// <summary>Drops repeats, records what is handed over, and decides whether the read ends here.</summary>
    private SystemLogPage Accept(FetchedPage fetched)
    {
        var (uri, events, next) = (fetched.Uri, fetched.Events, fetched.Next);
        _pages++;
        var fresh = new List<OktaLogEvent>(events.Count);
        var duplicates = 0;
        var truncated = false;
        foreach (var e in events)
        {
            if (Seen.Contains(e.Uuid))
            {
                duplicates++;
                continue;
            }
            if (_query.First is { } first && _delivered + fresh.Count >= first)
            {
                truncated = true;
                break;
            }
            Seen.Add(e.Uuid, e.Published);
            fresh.Add(e);
            if (_newest is null || e.Published > _newest) _newest = e.Published;
        }
        Interlocked.Add(ref _delivered, fresh.Count);
        if (duplicates > 0) _transport.Log.Debug($"Dropped {duplicates} event(s) already delivered (repeated across pages or by a resumed run).");

        var firstReached = _query.First is { } limit && _delivered >= limit;
        var caughtUp = CaughtUp(fetched);
        bool isLast;
        if (next is null)
        {
            // A bounded query's last page; a polling page always has one, so this is the end either way.
            isLast = true;
            if (_query.IsPolling) _transport.Log.Warning("Okta sent no next link for a polling query; stopping here.");
        }
        else
        {
            isLast = firstReached || (caughtUp && !_query.Follow);
        }

        _progress?.Report(new SystemLogProgress(_delivered, _pages, _clock.Elapsed, _newest, DateTimeOffset.UtcNow));
        var page = new SystemLogPage(uri, next, fresh, events.Count, duplicates, isLast, truncated && firstReached, fetched.PooledBody);
        _finished = isLast;
        _uri = next;
        _waitBeforeNext = caughtUp;
        return page;
    }

    /// <summary>A polling query's empty page: Okta has nothing newer yet (the read ends, or with -Follow waits before asking again).</summary>
    private bool CaughtUp(FetchedPage fetched) => _query.IsPolling && fetched.Events.Count == 0;

    /// <summary>A page as fetched and parsed, before repeats are dropped.</summary>
    private sealed class FetchedPage
    {
        public FetchedPage(Uri uri, IReadOnlyList<OktaLogEvent> events, Uri? next, byte[]? pooledBody)
        {
            Uri = uri;
            Events = events;
            Next = next;
            PooledBody = pooledBody;
        }

        public Uri Uri { get; }

        public IReadOnlyList<OktaLogEvent> Events { get; }

        public Uri? Next { get; }

        /// <summary>The array the events are slices of, when it came from <see cref="BodyPool"/>.</summary>
        public byte[]? PooledBody { get; }
    }
}
