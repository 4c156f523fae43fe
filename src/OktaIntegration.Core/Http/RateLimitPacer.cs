using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OktaIntegration.Core.Http;

/// <summary>
/// Proactive pacing: remembers each bucket's Limit/Remaining/Reset and, when a request would eat
/// into the reserve, waits for the window to reset instead of sending it into a 429. Requests in
/// flight are counted against Remaining, so parallel bulk actions do not overshoot either. When a
/// window ends, one request probes the next before the rest follow: Okta's windows are neither
/// aligned nor of a known length, so nothing is assumed about the new one until it answers.
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
            if (state.Probing)
            {
                // The window has rolled over but no response has told us the new one's reset yet:
                // one request at a time until one does, so a wrong guess cannot overshoot.
                if (state.InFlight > 0) return ProbeWait;
                state.InFlight++;
                return TimeSpan.Zero;
            }
            var resetLocal = _clock.ToLocal(state.Reset);
            if (now >= resetLocal && now >= state.NotBefore)
            {
                // A new window has begun. Its end is not known (Okta's windows are not aligned
                // to the clock and start with the first request after the last one ended), so
                // the next request probes it and its answer sets Limit/Remaining/Reset.
                state.Probing = true;
                state.Remaining = state.Limit;
                if (state.InFlight > 0) return ProbeWait;
                state.InFlight++;
                return TimeSpan.Zero;
            }
            var reserve = (long)Math.Floor(state.Limit * _reserveFraction);
            if (now < resetLocal && state.Remaining - state.InFlight > reserve)
            {
                state.InFlight++;
                return TimeSpan.Zero;
            }
            var until = resetLocal > state.NotBefore ? resetLocal : state.NotBefore;
            var wait = until - now;
            return wait > TimeSpan.Zero ? wait + ResetMargin : ResetMargin;
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
            else if (reset < state.Reset)
            {
                return; // a late answer from an older window
            }
            else if (reset == state.Reset && state.Probing)
            {
                // We thought the window had ended but the server still counts it: our idea of
                // its clock is a little early. Stop probing and try again shortly after.
                state.Probing = false;
                state.NotBefore = _now() + ProbeWait;
            }
            if (reset > state.Reset) state.Probing = false;
            state.Limit = headers.Limit!.Value;
            state.Remaining = reset > state.Reset ? headers.Remaining!.Value : Math.Min(state.Remaining, headers.Remaining!.Value);
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

    /// <summary>How long a request waits while another probes a new window.</summary>
    private static readonly TimeSpan ProbeWait = TimeSpan.FromMilliseconds(10);

    /// <summary>Sent this long after the reset instant (which is itself a safe, never-early estimate).</summary>
    private static readonly TimeSpan ResetMargin = TimeSpan.FromMilliseconds(5);

    private sealed class BucketState
    {
        public long Limit;
        public long Remaining;
        public DateTimeOffset Reset;
        public long InFlight;

        /// <summary>The window is believed over and a single request is finding out the next one.</summary>
        public bool Probing;

        /// <summary>Do not assume a new window before this local time (set when a probe found the old one still running).</summary>
        public DateTimeOffset NotBefore;
    }
}

/// <summary>HTTP methods as a closed set, so bucket keys and logs never depend on casing.</summary>
public enum HttpMethodKind
{
    Get,
    Post,
    Put,
    Delete,
}
