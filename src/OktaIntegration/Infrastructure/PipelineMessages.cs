using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// Core works on thread-pool threads but only the pipeline thread may write to PowerShell's
/// streams. Core's log lines and progress land here and the cmdlet drains them on its thread.
/// </summary>
internal sealed class PipelineMessages : ITransportLog, ITransportWaitLog
{
    /// <summary>Progress activity id for "waiting for Okta", apart from any cmdlet's own progress.</summary>
    internal const int WaitActivityId = 0x0C7A;

    private readonly BlockingCollection<Action<Cmdlet>> _queue = new();

    public void Verbose(string message) => _queue.Add(c => c.WriteVerbose(message));

    public void Debug(string message) => _queue.Add(c => c.WriteDebug(message));

    public void Warning(string message) => _queue.Add(c => c.WriteWarning(message));

    public void Progress(ProgressRecord record) => _queue.Add(c => c.WriteProgress(record));

    public void WaitStarted(TimeSpan duration, string reason) => Progress(new ProgressRecord(WaitActivityId, "Waiting for Okta", $"waiting {Math.Ceiling(duration.TotalSeconds):0} s {reason}")
    {
        SecondsRemaining = (int)Math.Ceiling(duration.TotalSeconds),
    });

    public void WaitEnded() => Progress(new ProgressRecord(WaitActivityId, "Waiting for Okta", "done") { RecordType = ProgressRecordType.Completed });

    /// <summary>Writes what has queued up; waits up to <paramref name="waitMilliseconds"/> for the first item.</summary>
    public void Drain(Cmdlet cmdlet, int waitMilliseconds)
    {
        if (_queue.TryTake(out var first, waitMilliseconds)) first(cmdlet);
        while (_queue.TryTake(out var next)) next(cmdlet);
    }
}
