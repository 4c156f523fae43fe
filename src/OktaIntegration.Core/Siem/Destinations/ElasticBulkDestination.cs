using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;


namespace OktaIntegration.Core.Siem.Destinations;

/// <summary>
/// Elasticsearch or OpenSearch _bulk. Every event is a <c>create</c> with <c>_id</c> = the Okta
/// uuid, so a repeat is answered 409 version_conflict_engine_exception and counts as delivered: the
/// index holds each event once however often it is sent. Elasticsearch checks _id only in the index
/// written to: a data stream checks its current write index, not the backing indices before a
/// rollover (elastic/elasticsearch#44794), so a resend after a rollover is stored again. Only items
/// that failed with 429 or 5xx are sent again; other item errors (a mapping conflict) are refused
/// for good and stop the run before the batch. A request too large (413) is sent again in halves
/// until the parts fit, and later requests keep to the cut that fit. Data streams (logs-*) take only create actions, which is all this sends,
/// and need @timestamp: use -Schema Ecs with them. Auth: API key or basic.
/// </summary>
public sealed class ElasticBulkDestination : ISiemDestination
{
    private readonly HttpClient _http;
    private readonly string _authorization;
    private readonly Uri _bulkUri;

    public ElasticBulkDestination(Uri url, string index, string? apiKey = null, string? user = null, string? password = null, System.Net.Http.HttpMessageHandler? handler = null)
    {
        DestinationUrl.Check(url, "Elasticsearch URL", "credentials must not travel in clear text");
        if (string.IsNullOrWhiteSpace(index)) throw new ArgumentException("The index or data stream name is empty.");
        if (!string.IsNullOrEmpty(apiKey)) _authorization = "ApiKey " + apiKey!.Trim();
        else if (!string.IsNullOrEmpty(user)) _authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
        else throw new ArgumentException("Give an API key or a user name and password for Elasticsearch.");
        Url = new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        Index = index;
        _bulkUri = new Uri(Url, "_bulk");
        _http = DestinationHttpClient.Create(handler);
    }

    public Uri Url { get; }

    /// <summary>The index or data stream written to.</summary>
    public string Index { get; }

    public string Description => $"Elasticsearch {DestinationUrl.Shown(Url)} {Index}";

    public bool Deduplicates => true;

    /// <summary>
    /// The most events one _bulk request carries: unlimited until a 413, then half the events of the
    /// request refused, for the rest of this destination's life. Behind a proxy with a 1 MB limit,
    /// every page would otherwise upload its 2 MB (and then its halves) to be refused again.
    /// </summary>
    public int MaxEventsPerRequest { get; private set; } = int.MaxValue;

    public async Task<SiemSendResult> SendAsync(SiemBatch batch, CancellationToken cancellationToken)
    {
        var records = batch.Records;
        if (records.Count <= MaxEventsPerRequest) return await SendPartAsync(records, cancellationToken).ConfigureAwait(false);
        var statuses = new List<SiemItemStatus>(records.Count);
        TimeSpan? retryAfter = null;
        string? detail = null;
        for (var start = 0; start < records.Count; start += MaxEventsPerRequest)
        {
            var part = await SendPartAsync(Slice(records, start, Math.Min(MaxEventsPerRequest, records.Count - start)), cancellationToken).ConfigureAwait(false);
            statuses.AddRange(part.Statuses);
            retryAfter = part.RetryAfter ?? retryAfter;
            detail = part.Detail ?? detail;
        }
        return new SiemSendResult(statuses.ToArray(), retryAfter, detail);
    }

    /// <summary>
    /// Sends the records in one _bulk request; a 413 (the body is over the cluster's
    /// http.max_content_length, or a proxy's limit such as nginx's client_max_body_size, 1 MB by
    /// default) sends each half on its own, down to single events: resending the same body could
    /// never fit. One event too large alone is refused for good.
    /// </summary>
    private async Task<SiemSendResult> SendPartAsync(IReadOnlyList<SiemRecord> records, CancellationToken cancellationToken)
    {
        var (result, tooLarge) = await SendOnceAsync(records, cancellationToken).ConfigureAwait(false);
        if (!tooLarge) return result;
        if (records.Count == 1)
            return SiemSendResult.All(1, SiemItemStatus.Rejected, detail: "HTTP 413: one event alone is larger than the request size the cluster (http.max_content_length) or a proxy in front of it accepts");
        var half = records.Count / 2;
        MaxEventsPerRequest = Math.Min(MaxEventsPerRequest, half);
        var first = await SendPartAsync(Slice(records, 0, half), cancellationToken).ConfigureAwait(false);
        var second = await SendPartAsync(Slice(records, half, records.Count - half), cancellationToken).ConfigureAwait(false);
        return new SiemSendResult(first.Statuses.Concat(second.Statuses).ToArray(), second.RetryAfter ?? first.RetryAfter, second.Detail ?? first.Detail);
    }

    private static IReadOnlyList<SiemRecord> Slice(IReadOnlyList<SiemRecord> records, int start, int count)
    {
        var part = new SiemRecord[count];
        for (var i = 0; i < count; i++) part[i] = records[start + i];
        return part;
    }

    /// <summary>One _bulk request for the records; TooLarge when it was answered 413.</summary>
    private async Task<(SiemSendResult Result, bool TooLarge)> SendOnceAsync(IReadOnlyList<SiemRecord> records, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(records.Count * 2048);
        var indexJson = JsonSerializer.Serialize(Index);
        foreach (var record in records)
        {
            var action = Encoding.UTF8.GetBytes("{\"create\":{\"_index\":" + indexJson + ",\"_id\":" + JsonSerializer.Serialize(record.Uuid) + "}}\n");
            body.Write(action, 0, action.Length);
            var json = record.Json.ToArray();
            body.Write(json, 0, json.Length);
            body.WriteByte((byte)'\n');
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, _bulkUri) { Content = new ByteArrayContent(body.ToArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        request.Headers.TryAddWithoutValidation("Authorization", _authorization);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status == 413) return (SiemSendResult.All(records.Count, SiemItemStatus.Rejected, null, "HTTP 413"), true);
        if (status == 429 || status >= 500)
            return (SiemSendResult.All(records.Count, SiemItemStatus.Retry, RetryAfter(response), $"HTTP {status} {ErrorType(text)}"), false);
        if (status != 200)
            return (SiemSendResult.All(records.Count, SiemItemStatus.Rejected, null, $"HTTP {status} {ErrorType(text)}"), false);

        var statuses = new SiemItemStatus[records.Count];
        string? detail = null;
        using var doc = JsonDocument.Parse(text);
        var items = doc.RootElement.GetProperty("items");
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (i >= statuses.Length) break;
            var result = item.EnumerateObject().GetEnumerator();
            result.MoveNext();
            var itemStatus = result.Current.Value.GetProperty("status").GetInt32();
            statuses[i++] = itemStatus switch
            {
                200 or 201 => SiemItemStatus.Acknowledged,
                409 => SiemItemStatus.Duplicate,
                429 or >= 500 => SiemItemStatus.Retry,
                _ => SiemItemStatus.Rejected,
            };
            if (itemStatus is not (200 or 201 or 409) && result.Current.Value.TryGetProperty("error", out var error))
                detail = $"item {itemStatus} {(error.TryGetProperty("type", out var t) ? t.GetString() : null)}: {(error.TryGetProperty("reason", out var r) ? r.GetString() : null)}";
        }
        if (i != statuses.Length) throw new InvalidDataException($"Elasticsearch answered for {i} of {statuses.Length} item(s).");
        return (new SiemSendResult(statuses, null, detail), false);
    }

    private static string ErrorType(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t) ? t.GetString() ?? string.Empty : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter?.Delta;

    public void Dispose() => _http.Dispose();

    public override string ToString() => Description;
}
