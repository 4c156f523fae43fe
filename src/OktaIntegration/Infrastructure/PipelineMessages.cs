using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// Core works on thread-pool threads but only the pipeline thread may write to PowerShell's
/// streams. Core's log lines and progress land here, and <see cref="PumpUntil"/> writes them on
/// the pipeline thread while it waits for Core's task. The task's completion wakes the pump like
/// a message does, so the pipeline thread resumes the moment Core's result is ready instead of
/// at the next timeout (a 50 ms wait after every page capped the System Log at ~20k events/s).
/// </summary>
internal sealed class PipelineMessages : ITransportLog, ITransportWaitLog
{
    /// <summary>Progress activity id for "waiting for Okta", apart from any cmdlet's own progress.</summary>
    internal const int WaitActivityId = 0x0C7A;

    // A queued null is the wake-up sent when the awaited task completes.
    private readonly BlockingCollection<Action<Cmdlet>?> _queue = new();

    public void Verbose(string message) => _queue.Add(c => c.WriteVerbose(message));

    public void Debug(string message) => _queue.Add(c => c.WriteDebug(message));

    public void Warning(string message) => _queue.Add(c => c.WriteWarning(message));

    /// <summary>A line for the user on the host, in the Information stream (so -InformationAction Ignore hides it); never Console.</summary>
    public void HostLine(string message, string tag) =>
        _queue.Add(c => c.WriteInformation(new HostInformationMessage { Message = message }, new[] { "PSHOST", tag }));

    public void Progress(ProgressRecord record) => _queue.Add(c => c.WriteProgress(record));

    public void WaitStarted(TimeSpan duration, string reason) => Progress(new ProgressRecord(WaitActivityId, "Waiting for Okta", $"waiting {Math.Ceiling(duration.TotalSeconds):0} s {reason}")
    {
        SecondsRemaining = (int)Math.Ceiling(duration.TotalSeconds),
    });

    public void WaitEnded() => Progress(new ProgressRecord(WaitActivityId, "Waiting for Okta", "done") { RecordType = ProgressRecordType.Completed });

    /// <summary>
    /// Writes queued messages on this thread until <paramref name="task"/> has completed, then
    /// writes what is left. Woken by each message and by the task's completion; <paramref name="idleWaitMilliseconds"/>
    /// only bounds a wait in which neither came (a safety net; correctness does not depend on it).
    /// </summary>
    public void PumpUntil(Cmdlet cmdlet, Task task, int idleWaitMilliseconds = Timeout.Infinite)
    {
        if (!task.IsCompleted)
        {
            task.ContinueWith(static (_, state) => ((PipelineMessages)state!).Wake(), this,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (!task.IsCompleted)
            {
                if (_queue.TryTake(out var message, idleWaitMilliseconds)) message?.Invoke(cmdlet);
            }
        }
        while (_queue.TryTake(out var rest)) rest?.Invoke(cmdlet);
    }

    /// <summary>Writes what has queued up, without waiting.</summary>
    public void Drain(Cmdlet cmdlet) => PumpUntil(cmdlet, Task.CompletedTask);

    private void Wake() => _queue.Add(null);
}
