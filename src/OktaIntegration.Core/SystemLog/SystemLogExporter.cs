using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Siem;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// Reads, normalizes, sends and commits as one unit. A page is a batch: the cursor is saved only
/// after the destination has acknowledged every event of the page (or reported it as already
/// present); items that failed are sent again on their own, with backoff and the destination's
/// Retry-After; a page that keeps failing stops the run with the cursor before it, so nothing is
/// lost and the next run resumes there. Repeats across pages and runs are dropped by uuid by the
/// reader, as for Get-OktaSystemLog. The next pages (up to two) are read and normalized while
/// this one is delivered (see <see cref="RunAsync"/>), each page's normalization on a pool thread
/// of its own, so reading never waits for it (see <see cref="PrepareAsync"/>).
/// </summary>
public sealed class SystemLogExporter
{
    private readonly OktaConnection _connection;
    private readonly SystemLogQuery _query;
    private readonly ISiemDestination _destination;
    private readonly SiemExportOptions _options;
    private readonly string? _cursorPath;
    private readonly IProgress<SiemExportSummary>? _progress;
    private readonly SiemNormalizer? _normalizer;
    private readonly ConcurrentQueue<MemoryStream> _spareBuffers = new();
    private readonly ResponseBodyPool _bodies = new();

    /// <summary>The page bodies this exporter reuses (for tests).</summary>
    internal ResponseBodyPool Bodies => _bodies;

    /// <summary>
    /// Pages read and normalized ahead of the one being delivered. Two keep the reading going
    /// through a slow flush or acknowledgement; more would only hold more memory (a page is about
    /// 2 MB read and 2 MB normalized). The reader adds its own request ahead (see
    /// SystemLogReader.ReadNextPageAsync): a third page is read, not normalized, while these wait.
    /// </summary>
    private const int ReadAheadPages = 2;

    public SystemLogExporter(OktaConnection connection, SystemLogQuery query, ISiemDestination destination, SiemExportOptions options, string? cursorPath, IProgress<SiemExportSummary>? progress = null)
    {
        _connection = connection;
        _query = query;
        _destination = destination;
        _options = options;
        _cursorPath = cursorPath;
        _progress = progress;
        _normalizer = options.Schema == SiemSchema.Raw ? null : SiemNormalizer.For(options.Schema);
    }

    /// <summary>
    /// Runs the export. Read and delivery failures do not throw: they end the run and are in the
    /// summary's Error (so one org of many failing stops only that org). Cancellation throws.
    /// </summary>
    public async Task<SiemExportSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var summary = new SiemExportSummary
        {
            Org = _connection.OrgUrl,
            OrgName = _connection.Name,
            Destination = _destination.Description,
            Schema = _options.Schema.ToString(),
            CursorPath = _cursorPath == null ? null : Path.GetFullPath(_cursorPath),
        };
        SystemLogCursorStore? store = null;
        try
        {
            if (_cursorPath != null) store = SystemLogCursorStore.Open(_cursorPath, _connection.OrgUrl, _query);
            if (store?.Existing is { Completed: true })
            {
                _connection.Transport.Log.Warning($"The cursor file '{store.Path}' records that this bounded query already completed; there is nothing more to export. Delete the file to export the range again.");
                return summary;
            }
            var seen = new SeenUuidWindow();
            Uri? resume = null;
            if (store?.Existing is { } cursor)
            {
                seen.Restore(cursor.Seen, cursor.HighWaterMark);
                resume = cursor.Next != null ? new Uri(cursor.Next) : null;
                summary.CursorPosition = cursor.Next;
                _connection.Transport.Log.Verbose($"{summary.Org}: resuming from the cursor in '{store.Path}' saved {cursor.Updated:u}.");
            }
            // Envelopes only: the records carry each event's own bytes and its uuid, time, type and
            // severity (RecordOf); nothing here reads the other fields, and no event leaves the run.
            using var reader = new SystemLogReader(_connection.Transport, _query, resume, seen) { Fields = LogEventFields.Envelope, BodyPool = _bodies };
            // Ahead of delivery: while a page is delivered and its cursor saved, the next pages are
            // taken from the reader and normalized by a loop of their own (see ExportReadAhead).
            // Pages are still delivered and committed strictly in order, and each page's cursor
            // carries the seen window as it was when that page was taken (see
            // SystemLogCursorStore.Capture), so reading ahead can neither reorder events nor let a
            // saved cursor skip one.
            var ahead = new ExportReadAhead<PreparedPage>(token => PrepareAsync(reader, store, token), p => p.Page.IsLast, ReadAheadPages, cancellationToken);
            // The cursor of a page is written (a journal line flushed to disk, now and then a fresh
            // snapshot: see SystemLogCursorStore) while the next page is sent: only after that
            // page's own acknowledgement, and each save waits for the one before it, so the cursor
            // still only ever moves past acknowledged pages, in order. A run killed meanwhile
            // resumes from the page before: at most the page whose cursor was being saved and the
            // page being sent are sent again.
            Task saving = Task.CompletedTask;
            PreparedPage? delivering = null;
            try
            {
                while (await ahead.TakeAsync(cancellationToken).ConfigureAwait(false) is { } prepared)
                {
                    delivering = prepared;
                    var page = prepared.Page;
                    summary.Pages++;
                    summary.EventsRead += page.Events.Count;
                    // Awaited even for a page with no new events: its buffer goes back to the
                    // spares below, and a normalization still running would empty it under the
                    // page normalized into it next.
                    var records = await prepared.Records.ConfigureAwait(false);
                    if (page.Events.Count > 0)
                    {
                        await DeliverAsync(records, summary, cancellationToken).ConfigureAwait(false);
                        var newest = page.Events.Max(e => e.Published);
                        if (summary.Newest is null || newest > summary.Newest) summary.Newest = newest;
                    }
                    prepared.ReturnBuffers(_spareBuffers, _bodies);
                    // Only now, with every event of the page acknowledged, does the cursor move.
                    await saving.ConfigureAwait(false);
                    saving = SaveAsync(store, prepared.Cursor, page, summary, clock);
                }
                await saving.ConfigureAwait(false);
            }
            finally
            {
                // A run that stops early (a delivery failed, cancelled) drops the pages read ahead:
                // their cursors were never saved, so the next run reads them again. A save under
                // way is let finish: it records a page that was acknowledged.
                // Their normalizations, and that of a page whose delivery never began, are let finish
                // too, so none runs on after the run or fails unobserved.
                foreach (var untaken in await ahead.StopAsync().ConfigureAwait(false))
                {
                    if (untaken != null) await Abandon(untaken.Records).ConfigureAwait(false);
                }
                if (delivering != null) await Abandon(delivering.Records).ConfigureAwait(false);
                await Abandon(saving).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Every failure ends this org's run and no other org's: thrown, it would fault the whole
            // multi-org run (SystemLogExportRun) and hide the other orgs' results. The cursor is where
            // the last acknowledged page left it. The foreseen failures speak for themselves
            // (OperationCanceledException here, without our token, is a transport timeout); anything
            // else (a progress handler that throws, a bug) is said to be unexpected.
            var foreseen = ex is SiemDeliveryException or Http.OktaApiException or Http.CrossOriginException or SystemLogCursorException or IOException or UnauthorizedAccessException or ArgumentException or OperationCanceledException;
            summary.Error = foreseen ? ex.Message : $"The export stopped on an unexpected error: {ex.Message}";
            summary.Exception = ex;
        }
        finally
        {
            store?.Dispose();
            summary.Elapsed = clock.Elapsed;
        }
        return summary;
    }

    /// <summary>
    /// Takes the next page from the reader, captures its cursor and starts putting it into the
    /// export's schema. Called by the read-ahead loop only, one call at a time, so pages leave the
    /// reader (which records their uuids) one at a time and in order.
    /// </summary>
    /// <remarks>
    /// The normalization runs on a pool thread and the loop goes straight back to the reader: the
    /// reader's next request is already travelling (see SystemLogReader.ReadNextPageAsync), and
    /// taking its page as soon as it arrives starts the request after it. Normalized in line, a
    /// page's normalization (about as long as a request on a busy machine) came between the two,
    /// and the reading, which decides the export's pace, waited for it. A page's normalization
    /// touches only that page and its own buffer, so pages can be normalized side by side (at most
    /// the pages read ahead and the one being delivered); delivery awaits each page's records in order.
    /// </remarks>
    private async Task<PreparedPage?> PrepareAsync(SystemLogReader reader, SystemLogCursorStore? store, CancellationToken cancellationToken)
    {
        if (await reader.ReadNextPageAsync(cancellationToken).ConfigureAwait(false) is not { } page) return null;
        var cursor = store?.Capture(page.ResumeUri, completed: page.ResumeUri == null, reader.Seen);
        if (_normalizer is not { } normalizer) return new PreparedPage(page, Task.FromResult(RawRecords(page.Events)), cursor, null);
        // Room for a page of ECS events (about 2.2 KB each) from the start: a buffer that grows
        // copies itself into a new array twice its size, and on the large-object heap.
        if (!_spareBuffers.TryDequeue(out var buffer)) buffer = new MemoryStream(page.Events.Count * 3072);
        var events = page.Events;
        return new PreparedPage(page, Task.Run(() => NormalizedRecords(events, normalizer, buffer), CancellationToken.None), cursor, buffer);
    }

    /// <summary>
    /// Saves an acknowledged page's cursor on a pool thread (file I/O with an fsync), then reports
    /// the progress it records; without a cursor file there is nothing to wait for.
    /// </summary>
    /// <remarks>
    /// The counts reported are taken now, on the delivery loop: by the time the save has finished,
    /// the loop has already counted the next page in <paramref name="summary"/> (and may be
    /// changing it as the report is made), and a report must say what its cursor covers.
    /// </remarks>
    private Task SaveAsync(SystemLogCursorStore? store, SystemLogCursorCapture? cursor, SystemLogPage page, SiemExportSummary summary, Stopwatch clock)
    {
        var report = _progress == null ? null : summary.Snapshot();
        void Committed()
        {
            var position = page.ResumeUri?.AbsoluteUri;
            var elapsed = clock.Elapsed;
            summary.CursorPosition = position;
            summary.Elapsed = elapsed;
            if (report == null) return;
            report.CursorPosition = position;
            report.Elapsed = elapsed;
            _progress!.Report(report);
        }

        if (cursor == null)
        {
            Committed();
            return Task.CompletedTask;
        }
        return Task.Run(() =>
        {
            store!.Save(cursor);
            Committed();
        });
    }

    /// <summary>
    /// Waits for work the run no longer depends on (a page read ahead that will not be delivered,
    /// a cursor save when delivery failed), so nothing runs on after the run and no failure goes
    /// unobserved: the run's own outcome was decided by the failure that stopped it.
    /// </summary>
    private static async Task Abandon(Task work)
    {
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // See the summary.
        }
    }

    /// <summary>Okta's own bytes, for the Raw schema.</summary>
    private static IReadOnlyList<SiemRecord> RawRecords(IReadOnlyList<OktaLogEvent> events)
    {
        var records = new SiemRecord[events.Count];
        for (var i = 0; i < events.Count; i++) records[i] = RecordOf(events[i], events[i].GetRawUtf8());
        return records;
    }

    /// <summary>An event's record: its JSON in the export's schema, its Okta bytes as the original.</summary>
    private static SiemRecord RecordOf(OktaLogEvent e, ReadOnlyMemory<byte> json) => new(e.Uuid, e.Published, e.EventType, json, e.Severity, e.GetRawUtf8());

    /// <summary>
    /// One normalized object per event, all in one reused buffer (a page is about 2 MB: a fresh one
    /// each page was a large-object allocation), each followed by a line break that is not part of
    /// its record: the NDJSON destination then writes a whole page from this buffer in one call.
    /// </summary>
    private static IReadOnlyList<SiemRecord> NormalizedRecords(IReadOnlyList<OktaLogEvent> events, SiemNormalizer normalizer, MemoryStream buffer)
    {
        buffer.SetLength(0);
        var offsets = new (int Start, int Length)[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var start = (int)buffer.Length;
            normalizer.AppendTo(events[i], buffer);
            offsets[i] = (start, (int)buffer.Length - start);
            buffer.WriteByte((byte)'\n');
        }
        var bytes = buffer.GetBuffer();
        var records = new SiemRecord[events.Count];
        for (var i = 0; i < events.Count; i++) records[i] = RecordOf(events[i], new ReadOnlyMemory<byte>(bytes, offsets[i].Start, offsets[i].Length));
        return records;
    }

    /// <summary>A page taken from the reader, in the export's schema, with the cursor to save once it is acknowledged.</summary>
    private sealed class PreparedPage
    {
        private MemoryStream? _buffer;

        public PreparedPage(SystemLogPage page, Task<IReadOnlyList<SiemRecord>> records, SystemLogCursorCapture? cursor, MemoryStream? buffer)
        {
            Page = page;
            Records = records;
            Cursor = cursor;
            _buffer = buffer;
        }

        public SystemLogPage Page { get; }

        /// <summary>The page's records, once its normalization has finished.</summary>
        public Task<IReadOnlyList<SiemRecord>> Records { get; }

        public SystemLogCursorCapture? Cursor { get; }

        /// <summary>
        /// Hands the records' buffer and the page's body (the records' original bytes, and Raw's
        /// whole records, are slices of it) on to a later page. Only after the destination has
        /// answered for every record and nothing reads the page's events again: no destination
        /// keeps a batch beyond its send, and a run whose delivery failed ends without reusing anything.
        /// </summary>
        public void ReturnBuffers(ConcurrentQueue<MemoryStream> spares, ResponseBodyPool bodies)
        {
            if (Page.TakeBody() is { } body) bodies.Return(body);
            if (_buffer == null) return;
            spares.Enqueue(_buffer);
            _buffer = null;
        }
    }

    private async Task DeliverAsync(IReadOnlyList<SiemRecord> records, SiemExportSummary summary, CancellationToken cancellationToken)
    {
        summary.EventsSent += records.Count;
        IReadOnlyList<SiemRecord> pending = records;
        var attempt = 0;
        while (true)
        {
            attempt++;
            SiemSendResult? result = null;
            Exception? failure = null;
            try
            {
                result = await _destination.SendAsync(new SiemBatch(pending, _options.Schema), cancellationToken).ConfigureAwait(false);
                if (result.Statuses.Count != pending.Count)
                    throw new InvalidDataException($"The destination answered for {result.Statuses.Count} of {pending.Count} event(s).");
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                failure = ex;
                result = null;
                summary.SendFailures++;
            }

            var next = new List<SiemRecord>();
            var rejected = 0;
            SiemRecord? firstRejected = null;
            if (result == null)
            {
                next.AddRange(pending);
            }
            else
            {
                for (var i = 0; i < pending.Count; i++)
                {
                    switch (result.Statuses[i])
                    {
                        case SiemItemStatus.Acknowledged: summary.Acknowledged++; break;
                        case SiemItemStatus.Duplicate: summary.Duplicates++; break;
                        case SiemItemStatus.Rejected:
                            rejected++;
                            firstRejected ??= pending[i];
                            break;
                        default: next.Add(pending[i]); break;
                    }
                }
            }
            // The first refused event is named (uuid and time: it can be looked up in Okta and in the
            // destination's own log), since a refusal for good stops every run until it is dealt with.
            if (rejected > 0)
                throw new SiemDeliveryException($"{_destination.Description} refused {rejected} event(s) for good, the first uuid {firstRejected!.Uuid} published {SystemLogQuery.Format(firstRejected.Published)} ({result!.Detail ?? "no detail"}); the cursor stays before this batch. Fix the destination (mapping, permissions, size limits) and run again.");
            if (next.Count == 0) return;
            var why = failure?.Message ?? result?.Detail ?? "not acknowledged";
            if (attempt >= _options.MaxAttempts)
                throw new SiemDeliveryException($"{_destination.Description} did not acknowledge {next.Count} event(s) after {attempt} attempts ({why}); the cursor stays before this batch and the next run resumes there.", failure);
            if (attempt == 1) summary.BatchesRetried++;
            var wait = _options.Backoff(attempt, result?.RetryAfter);
            _connection.Transport.Log.Verbose($"{summary.Org}: {next.Count} of {pending.Count} event(s) not acknowledged by {_destination.Description} ({why}); sending them again in {wait.TotalSeconds:0.###} s.");
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            pending = next;
        }
    }
}
