using System;

namespace OktaIntegration.Core.Posture;

/// <summary>Where an audit is: the phase, items done of total, and (for factor reads) the time the rate limit still needs.</summary>
public sealed class PostureProgress
{
    public PostureProgress(string phase, long done, long total, TimeSpan? remaining)
    {
        Phase = phase;
        Done = done;
        Total = total;
        Remaining = remaining;
    }

    public string Phase { get; }

    public long Done { get; }

    public long Total { get; }

    public TimeSpan? Remaining { get; }

    public int PercentComplete => Total > 0 ? (int)Math.Min(100, Done * 100 / Total) : -1;
}
