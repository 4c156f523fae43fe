using System;

namespace OktaIntegration.Core.Siem;

/// <summary>How an export retries a batch the destination did not fully acknowledge.</summary>
public sealed class SiemExportOptions
{
    public SiemSchema Schema { get; set; } = SiemSchema.Raw;

    /// <summary>Sends of one page before the run stops with the cursor before it (the first send included).</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest Retry-After honoured as given; longer ones are capped.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    internal TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait) return wait > MaxRetryAfter ? MaxRetryAfter : wait;
        var ms = BaseBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16));
        return TimeSpan.FromMilliseconds(Math.Min(ms, MaxBackoff.TotalMilliseconds));
    }
}
