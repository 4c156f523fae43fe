using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;

namespace OktaIntegration.Emulator.Siem;

/// <summary>
/// The state of the emulated Elasticsearch _bulk API: documents by index and _id (a create of an
/// existing _id is a 409 version_conflict_engine_exception, as Elasticsearch answers), data
/// streams (index names logs-*, which take only create and need @timestamp), API-key and basic
/// credentials, and failure modes: per-item 429 es_rejected_execution_exception, whole-request 429.
/// </summary>
public sealed class ElasticBulkReceiver
{
    public const string ApiKeyId = "okta-emulator";
    public const string ApiKeySecret = "emulator-api-key-secret";
    public const string User = "elastic";
    public const string Password = "emulator-password";

    private readonly object _gate = new();
    private readonly Dictionary<(string Index, string Id), string> _documents = new();
    private int _rejectItems;
    private int _rejectEvery;
    private int _throttleRequests;

    /// <summary>The encoded API key (base64 of id:secret) for "Authorization: ApiKey ...".</summary>
    public static string EncodedApiKey => Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKeyId + ":" + ApiKeySecret));

    /// <summary>Every n-th create from now on gets a per-item 429, until <paramref name="items"/> items were rejected.</summary>
    public void RejectItems(int every, int items)
    {
        Interlocked.Exchange(ref _rejectEvery, every);
        Interlocked.Exchange(ref _rejectItems, items);
    }

    /// <summary>The next N requests get a whole-request 429 (circuit breaker).</summary>
    public void ThrottleFor(int requests) => Interlocked.Exchange(ref _throttleRequests, requests);

    /// <summary>
    /// The largest request body taken; above it the answer is a 413 with no body, as Elasticsearch's
    /// http.max_content_length (100 MB by default) or a proxy in front of it (nginx's
    /// client_max_body_size, 1 MB by default) answers.
    /// </summary>
    public long MaxContentLength { get; set; } = 100 * 1024 * 1024;

    private int _tooLargeRequests;

    /// <summary>Requests answered 413 for a body over <see cref="MaxContentLength"/>.</summary>
    public int TooLargeRequests => Volatile.Read(ref _tooLargeRequests);

    internal void CountTooLarge() => Interlocked.Increment(ref _tooLargeRequests);

    public int CreateAttempts { get; private set; }

    public int Conflicts { get; private set; }

    public int RejectedItems { get; private set; }

    /// <summary>The _ids stored in an index (or data stream).</summary>
    public IReadOnlyList<string> Ids(string index)
    {
        lock (_gate) return _documents.Keys.Where(k => k.Index == index).Select(k => k.Id).ToArray();
    }

    public string? Document(string index, string id)
    {
        lock (_gate) return _documents.TryGetValue((index, id), out var doc) ? doc : null;
    }

    internal bool TakeThrottle()
    {
        while (true)
        {
            var current = Volatile.Read(ref _throttleRequests);
            if (current <= 0) return false;
            if (Interlocked.CompareExchange(ref _throttleRequests, current - 1, current) == current) return true;
        }
    }

    internal bool Authorized(string? header)
    {
        if (string.IsNullOrEmpty(header)) return false;
        if (header!.StartsWith("ApiKey ", StringComparison.Ordinal)) return header.Substring(7).Trim() == EncodedApiKey;
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(header.Substring(6).Trim())) == User + ":" + Password;
            }
            catch (FormatException)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>One create: 201, 409 when the _id exists, 429 when told to reject, 400 for a data stream document without @timestamp.</summary>
    internal (int Status, string? ErrorType, string? Reason) Create(string index, string id, string document, int position, bool hasTimestamp)
    {
        lock (_gate)
        {
            CreateAttempts++;
            // Counted across requests, so a retried item is not rejected again just for being first.
            if (_rejectItems > 0 && _rejectEvery > 0 && CreateAttempts % _rejectEvery == 0)
            {
                _rejectItems--;
                RejectedItems++;
                return (429, "es_rejected_execution_exception", "rejected execution of coordinating operation");
            }
            if (index.StartsWith("logs-", StringComparison.Ordinal) && !hasTimestamp)
                return (400, "document_parsing_exception", "data stream timestamp field [@timestamp] is missing");
            if (_documents.ContainsKey((index, id)))
            {
                Conflicts++;
                return (409, "version_conflict_engine_exception", $"[{id}]: version conflict, document already exists");
            }
            _documents[(index, id)] = document;
            return (201, null, null);
        }
    }
}
