using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace OktaIntegration.Emulator.Faults;

/// <summary>The failures a test can switch on. Each fires for the next N matching requests.</summary>
public enum FaultKind
{
    /// <summary>500 with E0000009 (Okta's internal error / query timeout).</summary>
    ServerError,

    /// <summary>503 with an HTML body, as a load balancer sends it.</summary>
    ServiceUnavailable,

    /// <summary>Headers and half the body, then the connection is cut.</summary>
    ResetMidBody,

    /// <summary>A complete 200 response whose JSON body is cut short.</summary>
    TruncatedJson,

    /// <summary>The response waits <see cref="Fault.Delay"/> before it is produced.</summary>
    Slow,

    /// <summary>The next link points at another origin.</summary>
    ForeignNextLink,

    /// <summary>The next link repeats the page just served (a caching proxy, a server bug): a client that stops there reads part of the list.</summary>
    RepeatedNextLink,

    /// <summary>A bucket 429 regardless of the counters.</summary>
    RateLimit,

    /// <summary>A concurrency 429 (Limit 0, Remaining 0).</summary>
    ConcurrencyLimit,

    /// <summary>X-Rate-Limit-Reset sent twice with different values.</summary>
    DuplicateRateLimitHeaders,

    /// <summary>A bucket 429 whose X-Rate-Limit-Reset is already in the past (clock skew, a window that just rolled over).</summary>
    RateLimitResetInPast,

    /// <summary>A 429 without any X-Rate-Limit-* headers (a proxy's own throttling).</summary>
    RateLimitWithoutHeaders,

    /// <summary>
    /// The endpoint runs (a destination stores the batch) but its response is withheld until the
    /// client goes away or <see cref="Fault.Delay"/> passes: a send caught in flight, so a test can
    /// kill the sender exactly then (<see cref="Fault.Held"/> says when).
    /// </summary>
    HoldResponse,
}

/// <summary>One armed fault: which paths it hits, how many more times, and its delay for <see cref="FaultKind.Slow"/>.</summary>
public sealed class Fault
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Fault(FaultKind kind, string pathPrefix, int count, TimeSpan delay, int skip = 0)
    {
        Kind = kind;
        PathPrefix = pathPrefix;
        Remaining = count;
        Delay = delay;
        Skip = skip;
    }

    public FaultKind Kind { get; }

    public string PathPrefix { get; }

    public int Remaining { get; set; }

    public TimeSpan Delay { get; }

    /// <summary>How many requests this fault hit so far.</summary>
    public int Fired { get; set; }

    /// <summary>Matching requests to let through untouched before the fault starts firing (to hit the n-th batch).</summary>
    public int Skip { get; set; }

    /// <summary>Completes once a <see cref="FaultKind.HoldResponse"/> request has run its endpoint and is being held.</summary>
    public Task Held => _held.Task;

    internal void MarkHeld() => _held.TrySetResult();
}

/// <summary>Faults armed by tests, consumed by the middleware as matching requests arrive.</summary>
public sealed class FaultInjector
{
    private readonly List<Fault> _faults = new();
    private readonly object _gate = new();

    /// <summary>Arms a fault for the next <paramref name="count"/> requests whose path starts with <paramref name="pathPrefix"/>.</summary>
    public Fault Add(FaultKind kind, string pathPrefix = "/api/", int count = 1, TimeSpan? delay = null, int skip = 0)
    {
        var fault = new Fault(kind, pathPrefix, count, delay ?? TimeSpan.FromSeconds(2), skip);
        lock (_gate) _faults.Add(fault);
        return fault;
    }

    /// <summary>The most recently armed fault of this kind for exactly this path prefix, or null.</summary>
    public Fault? Find(FaultKind kind, string pathPrefix)
    {
        lock (_gate) return _faults.LastOrDefault(f => f.Kind == kind && f.PathPrefix == pathPrefix);
    }

    public void Clear()
    {
        lock (_gate) _faults.Clear();
    }

    /// <summary>True (and one use consumed) when a fault of this kind is armed for the path.</summary>
    public bool Take(string path, FaultKind kind) => TakeFault(path, kind) != null;

    public Fault? TakeFault(string path, FaultKind kind)
    {
        lock (_gate)
        {
            var fault = _faults.FirstOrDefault(f => f.Kind == kind && f.Remaining > 0 && path.StartsWith(f.PathPrefix, StringComparison.Ordinal));
            if (fault == null) return null;
            if (fault.Skip > 0)
            {
                fault.Skip--;
                return null;
            }
            fault.Remaining--;
            fault.Fired++;
            return fault;
        }
    }
}
