using System;
using System.Threading;

namespace OktaIntegration.Core.Http;

/// <summary>
/// A connection outlives the cmdlet that uses it, but its Verbose/Debug messages belong to that
/// cmdlet's streams. A cmdlet opens a scope for the duration of its call; the transport's log
/// goes there (it flows through awaits like any AsyncLocal) and falls back to the default.
/// </summary>
public sealed class TransportLogScope : IDisposable
{
    private static readonly AsyncLocal<ITransportLog?> CurrentLog = new();
    private readonly ITransportLog? _previous;

    private TransportLogScope(ITransportLog log)
    {
        _previous = CurrentLog.Value;
        CurrentLog.Value = log;
    }

    public static ITransportLog? Current => CurrentLog.Value;

    public static TransportLogScope Begin(ITransportLog log) => new(log);

    public void Dispose() => CurrentLog.Value = _previous;
}

/// <summary>Sends each message to the current scope's log, else to the fallback.</summary>
internal sealed class ScopedTransportLog : ITransportLog, ITransportWaitLog
{
    private readonly ITransportLog _fallback;

    public ScopedTransportLog(ITransportLog fallback)
    {
        _fallback = fallback;
    }

    private ITransportLog Target => TransportLogScope.Current ?? _fallback;

    public void Verbose(string message) => Target.Verbose(message);

    public void Debug(string message) => Target.Debug(message);

    public void Warning(string message) => Target.Warning(message);

    public void WaitStarted(TimeSpan duration, string reason) => (Target as ITransportWaitLog)?.WaitStarted(duration, reason);

    public void WaitEnded() => (Target as ITransportWaitLog)?.WaitEnded();
}
