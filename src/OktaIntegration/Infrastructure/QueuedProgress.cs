using System;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// An IProgress that calls its handler at once on the reporting thread (System.Progress posts to
/// a synchronization context, which reorders reports); the handler queues a ProgressRecord for
/// the pipeline thread.
/// </summary>
internal sealed class QueuedProgress<T> : IProgress<T>
{
    private readonly Action<T> _handler;

    public QueuedProgress(Action<T> handler)
    {
        _handler = handler;
    }

    public void Report(T value) => _handler(value);
}
