using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.Emulator.Infrastructure;

/// <summary>Every request the org received, so tests can assert what a client sent (and what it did not).</summary>
public sealed class RequestJournal
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public void Add(RecordedRequest request) => _requests.Enqueue(request);

    public IReadOnlyList<RecordedRequest> All => _requests.ToArray();

    public IReadOnlyList<RecordedRequest> ForPath(string pathPrefix) =>
        _requests.Where(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToArray();

    public void Clear()
    {
        while (_requests.TryDequeue(out _))
        {
        }
    }
}

/// <summary>One request as received: method, path, query, the Authorization scheme (never the credential), and the status answered.</summary>
public sealed record RecordedRequest(DateTimeOffset At, string Method, string Path, string Query, string? AuthorizationScheme, bool HadDPoPProof)
{
    public int Status { get; set; }

    /// <summary>The X-Rate-Limit-Reset the org answered with (epoch seconds), if any.</summary>
    public long? RateLimitReset { get; set; }

    public string PathAndQuery => Path + Query;
}
