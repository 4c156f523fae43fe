using System;
using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.Emulator.RateLimiting;

/// <summary>
/// Okta-style fixed windows per bucket. A window starts at the first request after the last one
/// ended (so windows are not aligned to the clock, as on Okta), on a whole second, and reports
/// its end in X-Rate-Limit-Reset as absolute epoch seconds. Buckets match by longest path prefix.
/// </summary>
public sealed class EmulatorRateLimiter
{
    private readonly EmulatorOptions _options;
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private long _rejected;

    public EmulatorRateLimiter(EmulatorOptions options)
    {
        _options = options;
    }

    /// <summary>How many requests were refused with a rate-limit 429 (tests assert zero for well-paced clients).</summary>
    public long Rejected => System.Threading.Interlocked.Read(ref _rejected);

    public void SetRule(string pathPrefix, int limit, TimeSpan window)
    {
        lock (_gate)
        {
            _options.RateLimits[pathPrefix] = new RateLimitRule(limit, window);
            _windows.Remove(pathPrefix);
        }
    }

    /// <summary>Counts the request against its bucket; returns the headers to send and whether it is allowed.</summary>
    public RateLimitDecision Take(string path, DateTimeOffset now)
    {
        lock (_gate)
        {
            var (bucket, rule) = Match(path);
            if (!_windows.TryGetValue(bucket, out var window) || now >= window.End)
            {
                var start = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
                window = new Window(start, start + rule.Window);
                _windows[bucket] = window;
            }
            var allowed = window.Used < rule.Limit;
            if (allowed) window.Used++;
            else System.Threading.Interlocked.Increment(ref _rejected);
            var reset = (long)Math.Ceiling(window.End.ToUnixTimeMilliseconds() / 1000.0);
            return new RateLimitDecision(allowed, rule.Limit, Math.Max(0, rule.Limit - window.Used), reset);
        }
    }

    /// <summary>
    /// Okta matches a bucket by exact path first, then by longest prefix. A rule key ending in
    /// <c>*</c> is a prefix (<c>/api/v1/users*</c>); any other key is an exact path, so
    /// <c>/api/v1/users</c> (list) and <c>/api/v1/users/{id}</c> are separate buckets as on Okta.
    /// </summary>
    private (string Bucket, RateLimitRule Rule) Match(string path)
    {
        if (_options.RateLimits.TryGetValue(path, out var exact)) return (path, exact);
        var best = _options.RateLimits.Keys
            .Where(key => key.EndsWith("*", StringComparison.Ordinal) && path.StartsWith(key.Substring(0, key.Length - 1), StringComparison.Ordinal))
            .OrderByDescending(key => key.Length)
            .FirstOrDefault();
        return best != null ? (best, _options.RateLimits[best]) : ("*", _options.DefaultRateLimit);
    }

    private sealed class Window
    {
        public Window(DateTimeOffset start, DateTimeOffset end)
        {
            Start = start;
            End = end;
        }

        public DateTimeOffset Start { get; }

        public DateTimeOffset End { get; }

        public int Used { get; set; }
    }
}

public readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, long ResetEpochSeconds);
