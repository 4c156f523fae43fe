using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Detection;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Detects identity threats in the Okta System Log: impossible travel, MFA push fatigue, password spray, session hijack and more.</para>
/// <para type="description">
/// Takes OktaLogEvent objects from the pipeline, or reads the log itself with -Since, -Until, -CursorPath or
/// -Connection, runs the chosen rules and writes one OktaThreatFinding per threat. With -StatePath the
/// baselines, open windows and already-emitted findings persist between runs; without it the cmdlet sees
/// one run only.
/// </para>
/// </summary>
[Cmdlet(VerbsCommon.Find, "OktaThreat", DefaultParameterSetName = PipelineSet, HelpUri = HelpLinks.Base + "Find-OktaThreat.md")]
[OutputType(typeof(OktaThreatFinding))]
public sealed class FindOktaThreatCommand : OktaCmdlet, IDisposable
{
    private const string PipelineSet = "Pipeline";
    private const string ReadSet = "Read";

    /// <summary>Events from Get-OktaSystemLog (or imported ones).</summary>
    [Parameter(ParameterSetName = PipelineSet, ValueFromPipeline = true)]
    [AllowNull]
    public OktaLogEvent? InputObject { get; set; }

    /// <summary>Read the log from this time (the cmdlet reads it itself).</summary>
    [Parameter(ParameterSetName = ReadSet)]
    public DateTimeOffset? Since { get; set; }

    [Parameter(ParameterSetName = ReadSet)]
    public DateTimeOffset? Until { get; set; }

    /// <summary>A System Log cursor file, for incremental reading (as Get-OktaSystemLog -CursorPath).</summary>
    [Parameter(ParameterSetName = ReadSet)]
    [ValidateNotNullOrEmpty]
    public string? CursorPath { get; set; }

    /// <summary>The org to read from; also names the org the state file belongs to.</summary>
    [Parameter]
    [ValidateNotNull]
    public OktaConnection? Connection { get; set; }

    /// <summary>Rules to run (default: all). Wildcards allowed; tab completion lists them.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ThreatRuleCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Rule { get; set; }

    /// <summary>Rules to leave out.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ThreatRuleCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? ExcludeRule { get; set; }

    /// <summary>Thresholds, windows and allow-lists: a JSON file path or a hashtable of the same shape.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Settings { get; set; }

    /// <summary>A file keeping baselines, open windows and emitted findings between runs; tied to one org, locked while in use.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StatePath { get; set; }

    // Core types kept as object: see docs/module-layout.md (Core loads in a private context).
    private object? _detector;
    private object? _store;
    private object? _connection;

    // With -StatePath, the cursor of -CursorPath is saved with the state, in EndProcessing (see ReadLog).
    private object? _cursor;
    private object? _cursorSeen;
    private Uri? _cursorResume;
    private bool _cursorMoved;

    /// <summary>True when the cmdlet reads the log itself: -Since, -Until or -CursorPath given, or nothing piped in (-Connection alone).</summary>
    private bool ReadsLog => ParameterSetName == ReadSet || !MyInvocation.ExpectingInput;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        var settings = LoadSettings();
        IReadOnlyList<IThreatRule> rules;
        try
        {
            rules = ThreatRuleCatalog.Create(settings, Rule, ExcludeRule);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.UnknownThreatRule, ErrorCategory.InvalidArgument, Rule ?? ExcludeRule));
            return;
        }
        if (rules.Count == 0) WriteWarning("-Rule and -ExcludeRule leave no rule to run.");

        var connection = Connection ?? ConnectionRegistry.Current;
        if (ReadsLog)
        {
            if (connection == null || connection.IsDisposed)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("Reading the log needs a connection. Run Connect-OktaTenant first, pass -Connection, or pipe events from Get-OktaSystemLog."),
                    ErrorIds.NotConnected, ErrorCategory.ConnectionError, null));
            }
            _connection = connection;
        }
        var org = connection is { IsDisposed: false } ? connection.OrgUrl : null;

        DetectionState state;
        if (StatePath != null)
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath);
            try
            {
                var store = DetectionStateStore.Open(path, org, settings);
                _store = store;
                state = store.State;
            }
            catch (DetectionStateException ex)
            {
                var (id, category) = ex.Problem switch
                {
                    DetectionStateProblem.InUse => (ErrorIds.ThreatStateInUse, ErrorCategory.ResourceBusy),
                    DetectionStateProblem.Mismatch => (ErrorIds.ThreatStateMismatch, ErrorCategory.InvalidArgument),
                    _ => (ErrorIds.ThreatStateDamaged, ErrorCategory.InvalidData),
                };
                ThrowTerminatingError(new ErrorRecord(ex, id, category, ex.Path));
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A missing folder is OktaFileNotFound, an unreadable file OktaFileAccessFailed: the file is not damaged.
                Terminate(ex, path);
                return;
            }
        }
        else
        {
            state = new DetectionState(settings, org);
            WriteVerbose("No -StatePath: baselines and windows last for this run only.");
        }
        _detector = new ThreatDetector(settings, state, rules);
        WriteVerbose($"Rules: {string.Join(", ", Names(rules))}.");
    }

    protected override void ProcessRecord()
    {
        var detector = (ThreatDetector)_detector!;
        if (!ReadsLog)
        {
            if (InputObject == null) return;
            try
            {
                Write(detector.Observe(InputObject));
            }
            catch (ForeignOrgEventException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.EventFromOtherOrg, ErrorCategory.InvalidArgument, InputObject));
            }
            return;
        }
        ReadLog(detector);
    }

    protected override void EndProcessing()
    {
        var detector = (ThreatDetector)_detector!;
        Write(detector.Complete());
        if (_store is DetectionStateStore store)
        {
            try
            {
                store.Save();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Nothing half-written: the old state stays, and the cursor is not moved past events it did not keep.
                Release();
                Terminate(ex, store.Path);
            }
            WriteVerbose($"State saved to '{store.Path}': {store.State.UserCount} user(s), {store.State.WindowCount} window(s), {store.State.FingerprintCount} finding fingerprint(s).");
            // Only now, after the state that holds what those pages taught the rules.
            if (_cursor is SystemLogCursorStore cursor && _cursorMoved) SaveCursor(cursor);
        }
        WriteVerbose($"{detector.EventsObserved} event(s) examined.");
        Release();
    }

    protected override void StopProcessing()
    {
        base.StopProcessing();
        Release();
    }

    /// <summary>A pipeline stopped downstream (Select-Object -First) ends here without EndProcessing: release the state file's lock, unsaved.</summary>
    void IDisposable.Dispose()
    {
        Release();
        Dispose();
    }

    private void Release()
    {
        (_store as DetectionStateStore)?.Dispose();
        _store = null;
        (_cursor as SystemLogCursorStore)?.Dispose();
        _cursor = null;
    }

    private void SaveCursor(SystemLogCursorStore cursor)
    {
        try
        {
            cursor.Save(_cursorResume, completed: _cursorResume == null, (SeenUuidWindow)_cursorSeen!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Terminate(ex, cursor.Path);
        }
    }

    private void ReadLog(ThreatDetector detector)
    {
        var connection = (OktaConnection)_connection!;
        var query = new SystemLogQuery { Since = Since, Until = Until };
        try
        {
            query.Validate(DateTimeOffset.UtcNow, WriteWarning);
        }
        catch (ArgumentException ex)
        {
            Terminate(ex, query.Describe(), ErrorIds.InvalidSystemLogQuery);
            return;
        }
        SystemLogCursorStore? cursor = null;
        try
        {
            cursor = CursorPath == null ? null : SystemLogCursorStore.Open(SessionState.Path.GetUnresolvedProviderPathFromPSPath(CursorPath), connection.OrgUrl, query);
            var seen = new SeenUuidWindow();
            Uri? resume = null;
            if (cursor?.Existing is { } saved)
            {
                seen.Restore(saved.Seen, saved.HighWaterMark);
                resume = saved.Next != null ? new Uri(saved.Next) : null;
            }
            var reader = new SystemLogReader(connection.Transport, query, resume, seen, null);
            // With -StatePath the cursor moves only when the state is saved (EndProcessing): saved
            // page by page, a run that stopped early (Select-Object -First, an error) would resume
            // after pages whose windows, baselines and finding fingerprints were never saved, and
            // miss what they started. Stopped early, it saves neither: the next run reads those
            // pages again with the state before them (findings of them may be written again).
            var withState = cursor != null && _store is DetectionStateStore;
            if (withState)
            {
                _cursor = cursor;
                _cursorSeen = reader.Seen;
            }
            while (Run(ct => reader.ReadNextPageAsync(ct)) is { } page)
            {
                foreach (var e in page.Events) Write(detector.Observe(e));
                if (withState) (_cursorResume, _cursorMoved) = (page.ResumeUri, true);
                else cursor?.Save(page.ResumeUri, completed: page.ResumeUri == null, reader.Seen);
            }
            if (withState) cursor = null; // kept open for EndProcessing; Release closes it
        }
        catch (SystemLogCursorException ex)
        {
            var (id, category) = ex.Problem switch
            {
                CursorProblem.InUse => (ErrorIds.CursorInUse, ErrorCategory.ResourceBusy),
                CursorProblem.Mismatch => (ErrorIds.CursorMismatch, ErrorCategory.InvalidArgument),
                _ => (ErrorIds.CursorUnreadable, ErrorCategory.InvalidData),
            };
            ThrowTerminatingError(new ErrorRecord(ex, id, category, ex.Path));
        }
        catch (Exception ex) when (ex is OktaApiException or CrossOriginException or IOException or UnauthorizedAccessException)
        {
            Terminate(ex, query.Describe());
        }
        finally
        {
            cursor?.Dispose();
        }
    }

    private DetectionSettings LoadSettings()
    {
        try
        {
            var value = Settings is PSObject pso ? pso.BaseObject : Settings;
            switch (value)
            {
                case null:
                    return DetectionSettings.CreateDefault();
                case IDictionary dictionary:
                    return DetectionSettings.FromDictionary(Unwrap(dictionary));
                case string path:
                    return DetectionSettings.FromFile(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
                case FileInfo file:
                    return DetectionSettings.FromFile(file.FullName);
                default:
                    throw new DetectionSettingsException($"-Settings takes a path to a JSON file or a hashtable, not a {value.GetType().Name}.");
            }
        }
        catch (DetectionSettingsException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidThreatSettings, ErrorCategory.InvalidArgument, Settings));
            throw;
        }
    }

    /// <summary>A hashtable with PSObject-wrapped values (arrays from @(...)) as plain .NET values.</summary>
    private static IDictionary Unwrap(IDictionary source)
    {
        var result = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry kv in source) result[kv.Key is PSObject k ? k.BaseObject : kv.Key] = UnwrapValue(kv.Value);
        return result;
    }

    private static object? UnwrapValue(object? value)
    {
        if (value is PSObject pso) value = pso.BaseObject;
        if (value is IDictionary d) return Unwrap(d);
        if (value is object[] array)
        {
            var list = new object?[array.Length];
            for (var i = 0; i < array.Length; i++) list[i] = UnwrapValue(array[i]);
            return list;
        }
        return value;
    }

    private void Write(IReadOnlyList<OktaThreatFinding> findings)
    {
        foreach (var f in findings) WriteObject(f);
    }

    private static IEnumerable<string> Names(IReadOnlyList<IThreatRule> rules)
    {
        foreach (var r in rules) yield return r.Name;
    }
}
