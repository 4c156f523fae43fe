using System;

namespace OktaIntegration.Core.Http;

/// <summary>
/// Estimates how far the server's clock is ahead of ours, from the <c>Date</c> header (whole
/// seconds) and when we sent and received each response. Each response narrows the bounds:
/// the server's true time at answering lies in [Date, Date + 1 s) and between our send and
/// receive instants. Waiting for a rate-limit reset uses the lower bound, so we never come back
/// early (a 429) and, after a few responses, not much late either (lost throughput).
/// </summary>
public sealed class ClockOffsetEstimator
{
    private readonly object _gate = new();
    private TimeSpan? _lower;
    private TimeSpan? _upper;

    /// <summary>The safe (never early) estimate of server time minus local time; zero before any sample.</summary>
    public TimeSpan SafeOffset
    {
        get { lock (_gate) return _lower ?? TimeSpan.Zero; }
    }

    public void Observe(DateTimeOffset? serverDate, DateTimeOffset localSent, DateTimeOffset localReceived)
    {
        if (serverDate is null) return;
        var lower = serverDate.Value - localReceived;
        var upper = serverDate.Value + TimeSpan.FromSeconds(1) - localSent;
        lock (_gate)
        {
            if (_lower is null || lower > _lower) _lower = lower;
            if (_upper is null || upper < _upper) _upper = upper;
            // Bounds that cross mean the server clock moved (NTP step, another node): start over.
            if (_lower > _upper)
            {
                _lower = lower;
                _upper = upper;
            }
        }
    }

    /// <summary>The local instant at which the server's clock will read <paramref name="serverTime"/>, never early.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset serverTime) => serverTime - SafeOffset;
}
