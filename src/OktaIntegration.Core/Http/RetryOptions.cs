using System;

namespace OktaIntegration.Core.Http;

/// <summary>How the transport retries and paces. Defaults suit a scheduled task against a real org.</summary>
public sealed class RetryOptions
{
    /// <summary>Attempts after the first for 429, 5xx, timeouts and connection failures.</summary>
    public int MaxRetries { get; set; } = 8;

    /// <summary>First backoff for 5xx and network failures; doubles each attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest we wait for a rate-limit window to reset; a reset further out is capped (Okta windows are about a minute).</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(75);

    /// <summary>Backoff for a concurrency 429 (Limit 0/Remaining 0): brief, since waiting out the minute would not help.</summary>
    public TimeSpan ConcurrencyBackoff { get; set; } = TimeSpan.FromMilliseconds(750);

    /// <summary>
    /// Fraction of each bucket kept in reserve by proactive pacing: when Remaining drops to this
    /// share of Limit, requests are spread over the rest of the window instead of spending it
    /// and provoking a 429. 0 disables pacing.
    /// </summary>
    public double PacingReserve { get; set; } = 0.05;

    /// <summary>Per-request timeout (Okta itself gives a System Log query 30 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Random extra wait added to every computed delay, so parallel clients do not retry in lock step.</summary>
    public TimeSpan MaxJitter { get; set; } = TimeSpan.FromMilliseconds(250);
}
