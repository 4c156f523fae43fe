using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace OktaIntegration.Core.Http;

/// <summary>
/// Okta's <c>X-Rate-Limit-*</c> headers and the server's <c>Date</c>. Reset is absolute epoch
/// seconds; waits are measured against the server's Date, not our clock, so a skewed client
/// clock never makes us wait too little or too long. Okta sometimes repeats a header: the minimum
/// of each is taken (what Okta's SDKs do). Limit 0 and Remaining 0 marks a concurrency 429.
/// </summary>
public readonly struct RateLimitHeaders
{
    public RateLimitHeaders(long? limit, long? remaining, DateTimeOffset? reset, DateTimeOffset? serverDate)
    {
        Limit = limit;
        Remaining = remaining;
        Reset = reset;
        ServerDate = serverDate;
    }

    public long? Limit { get; }

    public long? Remaining { get; }

    public DateTimeOffset? Reset { get; }

    public DateTimeOffset? ServerDate { get; }

    public bool IsConcurrencyLimit => Limit == 0 && Remaining == 0;

    public bool HasBucket => Limit is > 0 && Remaining.HasValue && Reset.HasValue;

    /// <summary>How long until the window resets, by the server's clock; null when a header is missing.</summary>
    public TimeSpan? TimeUntilReset
    {
        get
        {
            if (Reset is null) return null;
            var now = ServerDate ?? DateTimeOffset.UtcNow;
            var wait = Reset.Value - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
    }

    public static RateLimitHeaders From(HttpResponseMessage response)
    {
        var limit = MinLong(response, "X-Rate-Limit-Limit");
        var remaining = MinLong(response, "X-Rate-Limit-Remaining");
        var resetSeconds = MinLong(response, "X-Rate-Limit-Reset");
        DateTimeOffset? reset = resetSeconds.HasValue ? DateTimeOffset.FromUnixTimeSeconds(resetSeconds.Value) : null;
        var date = response.Headers.Date;
        return new RateLimitHeaders(limit, remaining, reset, date);
    }

    private static long? MinLong(HttpResponseMessage response, string name)
    {
        if (!response.Headers.TryGetValues(name, out var values)) return null;
        long? min = null;
        foreach (var raw in values.SelectMany(v => v.Split(',')))
        {
            if (long.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                min = min is null ? n : Math.Min(min.Value, n);
            }
        }
        return min;
    }

    public override string ToString() =>
        $"limit={Limit?.ToString(CultureInfo.InvariantCulture) ?? "-"} remaining={Remaining?.ToString(CultureInfo.InvariantCulture) ?? "-"} reset={Reset?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? "-"}";
}
