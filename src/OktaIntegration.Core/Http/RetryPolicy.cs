using System;
using System.Net;

namespace OktaIntegration.Core.Http;

/// <summary>
/// Decides whether a failed attempt is retried and how long to wait first. Pure, so every rule
/// is unit-tested: 429 waits for the bucket's reset by the server's clock (+1 s, jittered,
/// capped, never negative; missing headers fall back to backoff); a concurrency 429 backs off
/// briefly; 5xx, timeouts and connection failures back off exponentially; other 4xx never retry.
/// </summary>
public sealed class RetryPolicy
{
    private readonly RetryOptions _options;
    private readonly Func<double> _random;

    public RetryPolicy(RetryOptions options, Func<double>? random = null)
    {
        _options = options;
        var rng = new Random();
        _random = random ?? (() => { lock (rng) return rng.NextDouble(); });
    }

    public RetryOptions Options => _options;

    /// <summary>The delay before attempt <paramref name="retryNumber"/> (1-based) after an HTTP status; null means do not retry.</summary>
    public TimeSpan? DelayAfterStatus(HttpStatusCode status, RateLimitHeaders rateLimit, int retryNumber)
    {
        if (retryNumber > _options.MaxRetries) return null;
        var code = (int)status;
        if (code == 429)
        {
            if (rateLimit.IsConcurrencyLimit) return Jitter(Scale(_options.ConcurrencyBackoff, retryNumber));
            var untilReset = rateLimit.TimeUntilReset;
            if (untilReset is null) return Jitter(Exponential(retryNumber));
            var wait = untilReset.Value + TimeSpan.FromSeconds(1);
            if (wait > _options.MaxRateLimitWait) wait = _options.MaxRateLimitWait;
            return Jitter(wait);
        }
        if (code >= 500 || status == HttpStatusCode.RequestTimeout) return Jitter(Exponential(retryNumber));
        return null;
    }

    /// <summary>The delay after a network failure (reset, timeout, truncated body); null means give up.</summary>
    public TimeSpan? DelayAfterTransportFailure(int retryNumber) =>
        retryNumber > _options.MaxRetries ? null : Jitter(Exponential(retryNumber));

    private TimeSpan Exponential(int retryNumber)
    {
        var factor = Math.Pow(2, Math.Min(retryNumber - 1, 16));
        var ms = Math.Min(_options.BaseBackoff.TotalMilliseconds * factor, _options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms);
    }

    private static TimeSpan Scale(TimeSpan baseDelay, int retryNumber) =>
        TimeSpan.FromMilliseconds(baseDelay.TotalMilliseconds * Math.Min(retryNumber, 4));

    private TimeSpan Jitter(TimeSpan delay) =>
        delay + TimeSpan.FromMilliseconds(_options.MaxJitter.TotalMilliseconds * _random());
}
