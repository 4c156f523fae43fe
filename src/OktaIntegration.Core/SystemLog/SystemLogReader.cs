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
/// cancelled. The caller delivers each page and then saves <see cref="SystemLogPage.ResumeUri"/>.
/// </summary>
public sealed class SystemLogReader
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
        while (await ReadNextPageAsync(cancellationToken).ConfigureAwait(false) is { } page)
        {
            yield return page;
        }
    }

    /// <summary>
    /// The next page, or null once the read has ended. The pull form of <see cref="ReadPagesAsync"/>
    /// for callers that cannot use async streams (the netstandard2.0 cmdlets).
    /// </summary>
    public async Task<SystemLogPage?> ReadNextPageAsync(CancellationToken cancellationToken = default)
    {
        if (_finished) return null;
        if (_waitBeforeNext)
        {
            // Caught up while following: give Okta time to store new events before asking again.
            _waitBeforeNext = false;
            await Task.Delay(_query.PollInterval, cancellationToken).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var uri = _uri ??= _resumeFrom ?? _query.FirstPageUri(_transport.Org);
        var request = new OktaRequest(HttpMethodKind.Get, uri);
        var (events, next) = await _transport.SendAsync(request, static r => (LogPageParser.Parse(r.BodyMemory), r.NextLink), cancellationToken).ConfigureAwait(false);
        _pages++;
        // Refuse a next link to another origin before delivering the page, so the cursor can
        // never be saved pointing there (the transport would refuse to send to it anyway).
        if (next != null) _transport.Org.EnsureSameOrigin(next);

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
        var caughtUp = _query.IsPolling && events.Count == 0;
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
        var page = new SystemLogPage(uri, next, fresh, events.Count, duplicates, isLast, truncated && firstReached);
        _finished = isLast;
        _uri = next;
        _waitBeforeNext = caughtUp;
        return page;
    }
}
