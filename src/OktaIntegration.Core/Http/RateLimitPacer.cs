using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OktaIntegration.Core.Http;

/// <summary>
/// Proactive pacing: remembers each bucket's Limit/Remaining/Reset and, when a request would eat
/// into the reserve, waits for the window to reset instead of sending it into a 429. Requests in
/// flight are counted against Remaining, so parallel bulk actions do not overshoot either.
/// Buckets are keyed like Okta's: the API path with ids folded (see <see cref="BucketKey"/>).
/// </summary>
public sealed class RateLimitPacer
{
    private readonly Dictionary<string, BucketState> _buckets = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly ClockOffsetEstimator _clock;
    private readonly double _reserveFraction;
    private readonly Func<DateTimeOffset> _now;

    public RateLimitPacer(ClockOffsetEstimator clock, double reserveFraction, Func<DateTimeOffset>? now = null)
    {
        _clock = clock;
        _reserveFraction = reserveFraction < 0 ? 0 : reserveFraction;
        _now = now ?? (() => DateTimeOffset.UtcNow);
    }

    /// <summary>How long to wait before sending on this bucket; zero to go now. Reserves a slot when it returns zero.</summary>
    public TimeSpan Reserve(string bucket)
    {
        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out var state)) return TimeSpan.Zero;
            var now = _now();
            if (state.Reset is { } knownReset && now >= _clock.ToLocal(knownReset))
            {
                // The window has reset: assume it is full, and learn its end from the next answer.
                state.Remaining = state.Limit;
                state.Reset = null;
            }
            var reserve = (long)Math.Floor(state.Limit * _reserveFraction);
            if (state.Remaining - state.InFlight > reserve)
            {
                state.InFlight++;
                return TimeSpan.Zero;
            }
            if (state.Reset is null)
            {
                // Spent in a window whose end no answer has told us yet: wait for one in flight.
                return TimeSpan.FromMilliseconds(20);
            }
            var wait = _clock.ToLocal(state.Reset.Value) - now;
            return wait > TimeSpan.Zero ? wait + TimeSpan.FromMilliseconds(15) : TimeSpan.FromMilliseconds(15);
        }
    }

    /// <summary>Records a response's headers (any status) for its bucket and releases the slot <see cref="Reserve"/> took.</summary>
    public void Observe(string bucket, RateLimitHeaders headers, bool tookSlot)
    {
        lock (_gate)
        {
            _buckets.TryGetValue(bucket, out var state);
            if (tookSlot && state != null && state.InFlight > 0) state.InFlight--;
            // Concurrency answers (0/0) say nothing about the bucket; missing headers neither.
            if (!headers.HasBucket) return;
            var reset = headers.Reset!.Value;
            if (state == null)
            {
                state = new BucketState();
                _buckets[bucket] = state;
            }
            else if (state.Reset is { } known && reset < known)
            {
                return; // a late answer from an older window
            }
            var sameWindow = state.Reset == reset;
            state.Limit = headers.Limit!.Value;
            state.Remaining = sameWindow ? Math.Min(state.Remaining, headers.Remaining!.Value) : headers.Remaining!.Value;
            state.Reset = reset;
        }
    }

    /// <summary>
    /// Okta meters by endpoint family: <c>/api/v1/users</c> (list) differs from
    /// <c>/api/v1/users/{id}</c>. Ids are folded so every user shares one bucket.
    /// </summary>
    public static string BucketKey(HttpMethodKind method, Uri uri)
    {
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        if (segments.Length >= 3 && segments[0] == "api")
        {
            var family = "/" + segments[0] + "/" + segments[1] + "/" + segments[2];
            if (segments.Length == 3) return method + " " + family;
            return (method == HttpMethodKind.Get ? "GET " : "WRITE ") + family + "/{id}";
        }
        return method + " " + uri.AbsolutePath;
    }

    private sealed class BucketState
    {
        public long Limit;
        public long Remaining;
        /// <summary>When the current window ends, by the server's clock; null right after a reset until an answer tells.</summary>
        public DateTimeOffset? Reset;
        public long InFlight;
    }
}

/// <summary>HTTP methods as a closed set, so bucket keys and logs never depend on casing.</summary>
public enum HttpMethodKind
{
    Get,
    Post,
    Put,
    Delete,
    Patch,
}
