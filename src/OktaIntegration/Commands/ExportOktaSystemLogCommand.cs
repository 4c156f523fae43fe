using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Forwards the System Log to a SIEM destination: reads, normalizes, sends and moves the cursor only after the destination acknowledged.</para>
/// <para type="description">One page is one batch. The cursor is saved only when the destination has acknowledged every event of the page; failed items are sent again; a batch that keeps failing stops the run with the cursor before it. Several connections are exported in parallel, each with its own cursor in -CursorDirectory. -WhatIf names each org, destination and cursor, and reads, sends and writes nothing.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "OktaSystemLog", DefaultParameterSetName = SingleSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Export-OktaSystemLog.md")]
[OutputType(typeof(SiemExportSummary))]
public sealed class ExportOktaSystemLogCommand : SystemLogQueryCmdlet
{
    private const string SingleSet = "CursorPath";
    private const string DirectorySet = "CursorDirectory";

    /// <summary>Where to send: an object from New-OktaFileDestination, New-OktaSplunkDestination, New-OktaElasticDestination, New-OktaSentinelDestination or New-OktaSyslogDestination.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public ISiemDestination? Destination { get; set; }

    /// <summary>Raw (Okta's JSON unchanged, default), Ecs, Ocsf or Asim.</summary>
    [Parameter]
    [ValidateSet("Raw", "Ecs", "Ocsf", "Asim")]
    public string Schema { get; set; } = "Raw";

    /// <summary>The cursor file of one org (as for Get-OktaSystemLog).</summary>
    [Parameter(ParameterSetName = SingleSet)]
    [ValidateNotNullOrEmpty]
    public string? CursorPath { get; set; }

    /// <summary>A folder with one cursor file per org (named after the org's host); for several connections.</summary>
    [Parameter(ParameterSetName = DirectorySet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? CursorDirectory { get; set; }

    /// <summary>The orgs to export; default: the connection Connect-OktaTenant made last.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public OktaConnection[]? Connection { get; set; }

    /// <summary>How many orgs are exported at once (default 4).</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>Sends of one batch before the run stops with the cursor before it (default 8).</summary>
    [Parameter]
    [ValidateRange(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    private readonly List<OktaConnection> _connections = new();

    protected override void ProcessRecord()
    {
        if (Connection != null) _connections.AddRange(Connection);
    }

    protected override void EndProcessing()
    {
        if (_connections.Count == 0) _connections.Add(ResolveConnection(null));
        var orgs = _connections.Distinct().ToList();
        if (CursorPath != null && orgs.Count > 1)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"-CursorPath holds one org's position, but {orgs.Count} connections were given. Use -CursorDirectory for several orgs (one cursor file each)."),
                ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, CursorPath));
        }

        // Oldest first always: a cursor can only move forward through the log.
        var query = BuildQuery(LogSortOrder.Ascending);

        string? directory = null;
        if (CursorDirectory != null)
        {
            directory = SessionState.Path.GetUnresolvedProviderPathFromPSPath(CursorDirectory);
            if (!Directory.Exists(directory))
            {
                ThrowTerminatingError(new ErrorRecord(new DirectoryNotFoundException($"The cursor folder '{directory}' does not exist. Create it first."), ErrorIds.FileNotFound, ErrorCategory.ObjectNotFound, CursorDirectory));
            }
        }
        var options = new SiemExportOptions { Schema = (SiemSchema)Enum.Parse(typeof(SiemSchema), Schema, ignoreCase: true), MaxAttempts = MaxAttempts };
        var exporters = new List<SystemLogExporter>();
        for (var i = 0; i < orgs.Count; i++)
        {
            var org = orgs[i];
            var cursor = CursorPath != null
                ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(CursorPath)
                : directory != null ? Path.Combine(directory, SystemLogExportRun.CursorFileName(org.OrgUrl)) : null;
            // Asked before anything runs, on the pipeline thread: a declined org (or every org under
            // -WhatIf) is not read, nothing is sent for it, and its cursor file is not even opened.
            var target = $"{(org.Name != null ? org.Name + " (" + org.OrgUrl + ")" : org.OrgUrl)} to {Destination!.Description} ({options.Schema}, {(cursor == null ? "no cursor: from -Since every run" : "cursor " + cursor)})";
            if (!ShouldProcess(target, "Export the System Log")) continue;
            exporters.Add(new SystemLogExporter(org, query, Destination!, options, cursor, new OrgProgress(this, exporters.Count, org.Name ?? org.OrgUrl)));
        }
        if (exporters.Count == 0) return;

        IReadOnlyList<SiemExportSummary> summaries;
        try
        {
            summaries = Run(ct => SystemLogExportRun.RunAsync(exporters, ThrottleLimit, ct));
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: every acknowledged page has its cursor saved; the page in flight is sent again next run.
            return;
        }
        for (var i = 0; i < summaries.Count; i++)
        {
            WriteProgress(new ProgressRecord(0x5158 + i, "Exporting " + (summaries[i].OrgName ?? summaries[i].Org), "Done") { RecordType = ProgressRecordType.Completed });
            var s = summaries[i];
            if (s.GetException() is { } failure)
            {
                var (id, category) = failure switch
                {
                    SystemLogCursorException cursor => Classify(cursor),
                    SiemDeliveryException => (ErrorIds.ExportFailed, ErrorCategory.WriteError),
                    _ => ((string?)null, ErrorCategory.NotSpecified),
                };
                var record = id == null ? ErrorRecords.From(failure, s.Org) : new ErrorRecord(failure, id, category, s.Org);
                WriteError(record);
            }
            WriteObject(s);
        }
        // Asked for indexer acknowledgement, got a token without it: the run's guarantee silently
        // became HEC's "looked valid", which only this warning tells.
        if (Destination is SplunkHecDestination { UseAck: true, AckUnavailable: true } hec)
        {
            WriteWarning($"{hec.Description}: the HEC token has indexer acknowledgement off, so events counted as delivered on HTTP 200, which only says they looked valid, not that they were indexed. Turn indexer acknowledgement on for the token, or pass -NoAck to New-OktaSplunkDestination if that is intended (Splunk Cloud).");
        }
    }

    /// <summary>Per-org Write-Progress (queued; written on the pipeline thread).</summary>
    private sealed class OrgProgress : IProgress<SiemExportSummary>
    {
        private readonly ExportOktaSystemLogCommand _cmdlet;
        private readonly int _id;
        private readonly string _org;

        public OrgProgress(ExportOktaSystemLogCommand cmdlet, int index, string org)
        {
            _cmdlet = cmdlet;
            _id = 0x5158 + index;
            _org = org;
        }

        public void Report(SiemExportSummary value) =>
            _cmdlet.QueueProgress(new ProgressRecord(_id, "Exporting " + _org, string.Format(CultureInfo.InvariantCulture,
                "{0:N0} read, {1:N0} acknowledged, {2:N0} duplicates, {3:N0} batches retried", value.EventsRead, value.Acknowledged, value.Duplicates, value.BatchesRetried)));
    }
}
