using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// Base of every cmdlet: cancellation (Ctrl+C / StopProcessing cancels the token that flows
/// into every Core call), running Core work while writing its messages on the pipeline thread,
/// and error-record helpers.
/// </summary>
public abstract partial class OktaCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PipelineMessages _messages = new();
    private bool _disposed;

    protected CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>The log Core writes to; drained onto Verbose/Debug/Warning by <see cref="Run{T}"/>.</summary>
    internal PipelineMessages Messages => _messages;

    protected override void StopProcessing() => _cancellation.Cancel();

    /// <summary>
    /// Runs Core work to completion on the thread pool while this (pipeline) thread writes the
    /// messages it produces, and returns as soon as the work completes (see
    /// <see cref="PipelineMessages.PumpUntil"/>). Every cmdlet waits for Core through here.
    /// Exceptions come back unwrapped.
    /// </summary>
    protected T Run<T>(Func<CancellationToken, Task<T>> work)
    {
        using var scope = TransportLogScope.Begin(_messages);
        var task = Task.Run(() => work(CancellationToken));
        _messages.PumpUntil(this, task);
        return task.GetAwaiter().GetResult();
    }

    protected void Run(Func<CancellationToken, Task> work) => Run(async ct =>
    {
        await work(ct).ConfigureAwait(false);
        return true;
    });

    /// <summary>Writes a progress record from any thread (it is queued for the pipeline thread).</summary>
    internal void QueueProgress(ProgressRecord record) => _messages.Progress(record);

    /// <summary>
    /// The connection a command uses: the one given, else the runspace's default from
    /// Connect-OktaTenant. Stops the command with <see cref="ErrorIds.NotConnected"/> when there
    /// is neither, or when the connection was closed.
    /// </summary>
    protected OktaConnection ResolveConnection(OktaConnection? given)
    {
        var connection = given ?? ConnectionRegistry.Current;
        if (connection == null || connection.IsDisposed)
        {
            var message = connection == null
                ? "Not connected to Okta. Run Connect-OktaTenant first, or pass -Connection with an object from Connect-OktaTenant -PassThru."
                : $"The connection to {connection.OrgUrl} was closed by Disconnect-OktaTenant or Remove-Module. Run Connect-OktaTenant again.";
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), ErrorIds.NotConnected, ErrorCategory.ConnectionError, connection));
        }
        return connection!;
    }

    /// <summary>Stops the cmdlet with a classified error record.</summary>
    protected void Terminate(Exception exception, object? target, string? errorId = null) =>
        ThrowTerminatingError(ErrorRecords.From(exception, target, errorId));

    /// <summary>Reports a failure on one item and lets the cmdlet go on with the rest.</summary>
    protected void WriteItemError(Exception exception, object? target, string? errorId = null) =>
        WriteError(ErrorRecords.From(exception, target, errorId));

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _cancellation.Dispose();
        GC.SuppressFinalize(this);
    }
}
