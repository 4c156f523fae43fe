using System;

namespace OktaIntegration.Core.SystemLog;

/// <summary>How far a long read has come: for Write-Progress on backfills and tails.</summary>
public sealed class SystemLogProgress
{
    internal SystemLogProgress(long events, long pages, TimeSpan elapsed, DateTimeOffset? newestPublished, DateTimeOffset now)
    {
        Events = events;
        Pages = pages;
        Elapsed = elapsed;
        NewestPublished = newestPublished;
        Behind = newestPublished is { } n ? now - n : null;
    }

    public long Events { get; }

    public long Pages { get; }

    public TimeSpan Elapsed { get; }

    public double EventsPerSecond => Elapsed.TotalSeconds > 0 ? Events / Elapsed.TotalSeconds : 0;

    /// <summary>The newest published time delivered so far.</summary>
    public DateTimeOffset? NewestPublished { get; }

    /// <summary>How far behind now the read is (now minus <see cref="NewestPublished"/>).</summary>
    public TimeSpan? Behind { get; }
}
