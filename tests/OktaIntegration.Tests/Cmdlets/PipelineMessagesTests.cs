using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Cmdlets;

/// <summary>
/// The pump every cmdlet waits for Core through. It must return because the task completed, not
/// because a wait timed out: these pumps never time out, so a pump that only wakes on messages
/// or timeouts would never return (the test's bound only turns that hang into a failure).
/// </summary>
public sealed class PipelineMessagesTests
{
    private static readonly TimeSpan HangBound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_pump_with_no_timeout_returns_when_the_task_completes()
    {
        var messages = new PipelineMessages();
        var work = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new ManualResetEventSlim();
        var pump = Task.Factory.StartNew(() =>
        {
            started.Set();
            messages.PumpUntil(null!, work.Task, Timeout.Infinite);
        }, TaskCreationOptions.LongRunning);
        started.Wait();
        Assert.False(pump.IsCompleted);
        work.SetResult(42);
        await pump.WaitAsync(HangBound);
        Assert.True(pump.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_pump_wakes_for_each_completion_again_and_again()
    {
        // As Get-OktaSystemLog does, once per page: a lost wake-up on any round would hang.
        var messages = new PipelineMessages();
        var rounds = Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                var page = Task.Run(async () => await Task.Yield());
                messages.PumpUntil(null!, page, Timeout.Infinite);
                Assert.True(page.IsCompleted);
            }
        }, TaskCreationOptions.LongRunning);
        await rounds.WaitAsync(HangBound);
    }

    [Fact]
    public async Task Messages_queued_by_the_work_are_all_written_before_the_pump_returns()
    {
        var messages = new PipelineMessages();
        var written = new System.Collections.Generic.List<string>();
        var cmdlet = new RecordingCmdlet(written);
        var work = Task.Run(() =>
        {
            for (var i = 0; i < 100; i++) messages.Verbose("line " + i);
        });
        await Task.Factory.StartNew(() => messages.PumpUntil(cmdlet, work, Timeout.Infinite), TaskCreationOptions.LongRunning).WaitAsync(HangBound);
        Assert.Equal(100, written.Count);
        Assert.Equal("line 99", written[99]);
    }

    /// <summary>A cmdlet whose Verbose stream is a list (a cmdlet outside a pipeline has no host to write to).</summary>
    private sealed class RecordingCmdlet : Cmdlet
    {
        public RecordingCmdlet(System.Collections.Generic.List<string> written)
        {
            CommandRuntime = new ListRuntime(written);
        }
    }

    private sealed class ListRuntime : ICommandRuntime
    {
        private readonly System.Collections.Generic.List<string> _written;

        public ListRuntime(System.Collections.Generic.List<string> written) => _written = written;

        public PSHost? Host => null;

        public PSTransactionContext? CurrentPSTransaction => null;

        public void WriteVerbose(string text) => _written.Add(text);

        public void WriteDebug(string text) => _written.Add(text);

        public void WriteWarning(string text) => _written.Add(text);

        public void WriteProgress(ProgressRecord progressRecord) { }

        public void WriteProgress(long sourceId, ProgressRecord progressRecord) { }

        public void WriteCommandDetail(string text) { }

        public void WriteError(ErrorRecord errorRecord) { }

        public void WriteObject(object? sendToPipeline) { }

        public void WriteObject(object? sendToPipeline, bool enumerateCollection) { }

        public bool ShouldProcess(string? target) => true;

        public bool ShouldProcess(string? target, string? action) => true;

        public bool ShouldProcess(string? verboseDescription, string? verboseWarning, string? caption) => true;

        public bool ShouldProcess(string? verboseDescription, string? verboseWarning, string? caption, out ShouldProcessReason shouldProcessReason)
        {
            shouldProcessReason = ShouldProcessReason.None;
            return true;
        }

        public bool ShouldContinue(string? query, string? caption) => true;

        public bool ShouldContinue(string? query, string? caption, ref bool yesToAll, ref bool noToAll) => true;

        public bool TransactionAvailable() => false;

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        public void ThrowTerminatingError(ErrorRecord errorRecord) => throw new InvalidOperationException(errorRecord.ToString());
    }
}
