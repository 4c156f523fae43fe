using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Reads the Okta System Log: a time range, everything new since the last run (-CursorPath), or a live tail (-Follow).</para>
/// <para type="description">
/// With -Since and -Until it reads that range in published order and ends. Without -Until it polls: it reads
/// until it has caught up (an empty page) and ends, or with -Follow keeps polling every -PollInterval until
/// Ctrl+C. With -CursorPath the position is saved after each page has been written to the pipeline, so a
/// scheduled task reads each event at least once and repeats (after a crash) are dropped by uuid.
/// </para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OktaSystemLog", DefaultParameterSetName = EventsSet, HelpUri = HelpLinks.Base + "Get-OktaSystemLog.md")]
[OutputType(typeof(OktaLogEvent), ParameterSetName = new[] { EventsSet })]
[OutputType(typeof(string), ParameterSetName = new[] { RawSet })]
public sealed class GetOktaSystemLogCommand : SystemLogQueryCmdlet
{
    private const string EventsSet = "Events";
    private const string RawSet = "Raw";

    /// <summary>The org to read; defaults to the one Connect-OktaTenant connected last in this runspace.</summary>
    [Parameter]
    [ValidateNotNull]
    public OktaConnection? Connection { get; set; }

    /// <summary>Oldest first (Ascending, the default) or newest first (Descending).</summary>
    [Parameter]
    public LogSortOrder SortOrder
    {
        get => (LogSortOrder)_sortOrder;
        set => _sortOrder = value;
    }

    // Kept as object: PowerShell reads cmdlet fields' types when it imports the module, before
    // the loader that finds OktaIntegration.Core has run; a Core-typed field would fail the import.
    private object _sortOrder = LogSortOrder.Ascending;

    /// <summary>A file holding the read position, for incremental runs; tied to this org and query, locked while in use.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CursorPath { get; set; }

    /// <summary>Write each event's original JSON text instead of objects, for forwarding unchanged.</summary>
    [Parameter(ParameterSetName = RawSet, Mandatory = true)]
    public SwitchParameter Raw { get; set; }

    private OktaConnection ActiveConnection { get; set; } = null!;

    protected override void BeginProcessing()
    {
        ActiveConnection = ResolveConnection(Connection);
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        var query = BuildQuery(SortOrder);

        SystemLogCursorStore? store = null;
        SystemLogReader? reader = null;
        try
        {
            store = OpenCursor(query);
            if (store?.Existing is { Completed: true } done)
            {
                WriteWarning($"The cursor file '{store.Path}' records that this bounded query already completed ({done.Updated:u}); there is nothing more to read. Delete the file to read the range again.");
                return;
            }
            var seen = new SeenUuidWindow();
            Uri? resume = null;
            if (store?.Existing is { } cursor)
            {
                seen.Restore(cursor.Seen, cursor.HighWaterMark);
                resume = cursor.Next != null ? new Uri(cursor.Next) : null;
                WriteVerbose($"Resuming from the cursor in '{store.Path}' saved {cursor.Updated:u}; -Since is not used.");
            }
            var progress = new ProgressReporter(this);
            reader = new SystemLogReader(ActiveConnection.Transport, query, resume, seen, progress);
            ReadAll(reader, store);
            progress.Complete();
        }
        catch (SystemLogCursorException ex)
        {
            var (id, category) = Classify(ex);
            ThrowTerminatingError(new ErrorRecord(ex, id, category, ex.Path));
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: every page written so far has had its cursor saved; nothing else to do.
        }
        catch (Exception ex) when (ex is OktaApiException or CrossOriginException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            // Only our own failures become error records; PowerShell's flow control (break,
            // Select-Object -First, Ctrl+C) passes through untouched after the finally blocks ran.
            Terminate(ex, query.Describe());
        }
        finally
        {
            reader?.Dispose(); // stops the request for a page nobody will ask for (Select-Object -First, Ctrl+C)
            store?.Dispose();
        }
    }

    private SystemLogCursorStore? OpenCursor(SystemLogQuery query)
    {
        if (CursorPath == null) return null;
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(CursorPath);
        return SystemLogCursorStore.Open(path, ActiveConnection.OrgUrl, query);
    }

    /// <summary>
    /// Writes page after page. The cursor is saved only after the page's last event has been
    /// delivered; a run stopped mid-page (Ctrl+C, break, a failing downstream command) saves the
    /// position before that page and the uuids actually delivered, so the next run re-reads the
    /// page and delivers only the rest. An event counts as delivered when WriteObject returned,
    /// or when the downstream command took it and then asked to stop upstream (Select-Object
    /// -First N stops the pipeline while processing its Nth object). The reader fetches the next
    /// page while this one is written, but only a page returned here moves the cursor.
    /// </summary>
    private void ReadAll(SystemLogReader reader, SystemLogCursorStore? store)
    {
        while (Run(ct => reader.ReadNextPageAsync(ct)) is { } page)
        {
            var written = 0;
            try
            {
                foreach (var e in page.Events)
                {
                    try
                    {
                        if (Raw.IsPresent) WriteObject(e.GetRawJson());
                        else WriteObject(e);
                    }
                    catch (Exception ex) when (DownstreamStoppedAfterTaking(ex))
                    {
                        written++;
                        throw;
                    }
                    written++;
                }
            }
            finally
            {
                // Runs on success and when the pipeline stops: a page the downstream command
                // stopped on after taking its last event is complete, and its cursor is saved too.
                if (written < page.Events.Count)
                {
                    reader.Undeliver(page, written);
                    store?.Save(page.RequestUri, completed: false, reader.Seen);
                }
                else
                {
                    store?.Save(page.ResumeUri, completed: page.ResumeUri == null, reader.Seen);
                }
            }
            if (store != null) WriteDebug($"Cursor saved after {reader.Delivered} event(s).");
        }
    }

    /// <summary>
    /// True when the command after this one took the object it was given and then stopped the
    /// pipeline, as Select-Object -First N does with its Nth object. PowerShell 7 hands that to
    /// us as a PipelineStoppedException thrown from inside WriteObject while the pipeline is not
    /// stopping and StopProcessing was not called; Windows PowerShell 5.1 lets its internal
    /// StopUpstreamCommandsException through (hence the name test). Ctrl+C sets Stopping (and
    /// calls StopProcessing) before it throws, and any other downstream failure is another
    /// exception: then the object is not known to have been handled, and it comes again.
    /// </summary>
    private bool DownstreamStoppedAfterTaking(Exception ex) =>
        ex.GetType().FullName == "System.Management.Automation.StopUpstreamCommandsException"
        || (ex.GetType() == typeof(PipelineStoppedException) && !Stopping && !CancellationToken.IsCancellationRequested);

    /// <summary>Turns the reader's progress into Write-Progress records (queued; written on the pipeline thread).</summary>
    private sealed class ProgressReporter : IProgress<SystemLogProgress>
    {
        private readonly GetOktaSystemLogCommand _cmdlet;
        private readonly ProgressRecord _record = new(0x5157, "Reading the Okta System Log", "Starting");
        private bool _shown;

        public ProgressReporter(GetOktaSystemLogCommand cmdlet)
        {
            _cmdlet = cmdlet;
        }

        public void Report(SystemLogProgress value)
        {
            var behind = value.Behind is { } b ? " — " + Describe(b) + " behind now" : string.Empty;
            var record = new ProgressRecord(_record.ActivityId, _record.Activity,
                string.Format(CultureInfo.InvariantCulture, "{0:N0} events in {1:N0} pages, {2:N0} events/s{3}", value.Events, value.Pages, value.EventsPerSecond, behind));
            _shown = true;
            _cmdlet.QueueProgress(record);
        }

        public void Complete()
        {
            if (!_shown) return;
            _cmdlet.WriteProgress(new ProgressRecord(_record.ActivityId, _record.Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private static string Describe(TimeSpan t) =>
            t.TotalDays >= 1 ? $"{t.TotalDays:0.#} days" : t.TotalHours >= 1 ? $"{t.TotalHours:0.#} hours" : t.TotalMinutes >= 1 ? $"{t.TotalMinutes:0} minutes" : $"{Math.Max(0, t.TotalSeconds):0} seconds";
    }
}
