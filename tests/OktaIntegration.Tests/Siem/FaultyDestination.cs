using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Siem;

namespace OktaIntegration.Tests.Siem;

/// <summary>
/// Fault injection in front of a real destination: refuses whole sends (down), fails chosen items
/// (partial failure), or simulates the process dying right after a send was durably written
/// (before the exporter could save the cursor). Every send it lets through reaches the real one.
/// </summary>
internal sealed class FaultyDestination : ISiemDestination
{
    private readonly ISiemDestination _inner;
    private int _sends;

    public FaultyDestination(ISiemDestination inner)
    {
        _inner = inner;
    }

    /// <summary>Sends refused with a connection error before any reaches the destination.</summary>
    public int DownForSends { get; set; }

    /// <summary>Refuse sends from this send number on (1-based), for "down mid-run".</summary>
    public int DownFromSend { get; set; } = int.MaxValue;

    /// <summary>On the first send of each batch, every n-th item is answered Retry (without reaching the destination).</summary>
    public int FailEveryNthItemOnce { get; set; }

    /// <summary>After this send (1-based) reaches the destination, cancel: the process "dies" before the cursor is saved.</summary>
    public int DieAfterSend { get; set; }

    public CancellationTokenSource? Killer { get; set; }

    /// <summary>Awaited at the start of every send with its number (1-based): lets a test hold a send until something else has happened.</summary>
    public Func<int, Task>? BeforeSend { get; set; }

    public List<int> SendSizes { get; } = new();

    public string Description => "faulty " + _inner.Description;

    public bool Deduplicates => _inner.Deduplicates;

    private readonly HashSet<string> _failedOnce = new(StringComparer.Ordinal);

    public async Task<SiemSendResult> SendAsync(SiemBatch batch, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _sends);
        SendSizes.Add(batch.Count);
        if (BeforeSend != null) await BeforeSend(n);
        if (n <= DownForSends || n >= DownFromSend) throw new System.Net.Http.HttpRequestException("Connection refused (injected)");
        var statuses = new SiemItemStatus[batch.Count];
        var through = new List<(int Index, SiemRecord Record)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var r = batch.Records[i];
            if (FailEveryNthItemOnce > 0 && i % FailEveryNthItemOnce == 0 && _failedOnce.Add(r.Uuid)) statuses[i] = SiemItemStatus.Retry;
            else through.Add((i, r));
        }
        if (through.Count > 0)
        {
            var result = await _inner.SendAsync(new SiemBatch(through.Select(t => t.Record).ToArray(), batch.Schema), cancellationToken);
            for (var k = 0; k < through.Count; k++) statuses[through[k].Index] = result.Statuses[k];
        }
        if (n == DieAfterSend)
        {
            Killer!.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
        }
        return new SiemSendResult(statuses, detail: "injected");
    }

    public void Dispose() => _inner.Dispose();
}
