using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;


namespace OktaIntegration.Core.Siem.Destinations;

/// <summary>
/// Splunk HTTP Event Collector (/services/collector/event). Events are batched into POSTs of at
/// most <see cref="MaxRequestBytes"/>, each event carrying the Okta uuid as the indexed field
/// okta_uuid (search-time dedupe: HEC itself never drops repeats). With indexer acknowledgement
/// (the token must have it on; Splunk Enterprise, not Splunk Cloud) every POST's ackId is polled
/// on /services/collector/ack with this destination's channel GUID until it is true, and only
/// then are its events acknowledged; an ack that stays false past <see cref="AckTimeout"/> sends
/// them again, and so does an ackId that a later POST of the same send is given again (HEC lost
/// the channel's ack state in between). Without ack (or when the token has it off) a 200 is all
/// HEC offers: the events looked valid, nothing more.
/// </summary>
public sealed class SplunkHecDestination : ISiemDestination
{
    private readonly HttpClient _http;
    private readonly string _token;
    private readonly Uri _eventUri;
    private readonly Uri _root;

    /// <summary>
    /// Channels no send is using. Each send takes one for itself, so the ack ids of a channel are
    /// only ever issued to one send's POSTs at a time: after HEC loses a channel (a restart), the
    /// ids it issues again go to that send, which notices (see SendAsync), and never to a send of
    /// another export that still waits for the same id. Sends that do not overlap reuse
    /// <see cref="Channel"/>; a multi-org run has one channel per export running at once.
    /// </summary>
    private readonly ConcurrentBag<Guid> _idleChannels = new();

    public SplunkHecDestination(Uri url, string token, bool useAck = true, string? index = null, string sourcetype = "okta:im2", string? source = "okta:systemlog",
        string? host = null, HttpMessageHandler? handler = null)
    {
        DestinationUrl.Check(url, "HEC URL", "HEC tokens must not travel in clear text");
        if (string.IsNullOrWhiteSpace(token)) throw new ArgumentException("The HEC token is empty.");
        var root = new Uri(url.GetLeftPart(UriPartial.Authority) + "/");
        Url = root;
        _token = token.Trim();
        _eventUri = new Uri(root, "services/collector/event");
        _root = root;
        _idleChannels.Add(Channel);
        UseAck = useAck;
        Index = index;
        Sourcetype = sourcetype;
        Source = source;
        Host = host;
        _http = DestinationHttpClient.Create(handler);
    }

    public Uri Url { get; }

    /// <summary>The X-Splunk-Request-Channel of this destination (sends at once through it take further channels of their own).</summary>
    public Guid Channel { get; } = Guid.NewGuid();

    public bool UseAck { get; }

    public string? Index { get; }

    public string Sourcetype { get; }

    public string? Source { get; }

    public string? Host { get; }

    /// <summary>The largest body sent; halved for good on a 413 (see SendAsync).</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(120);

    public TimeSpan AckPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Set when the token answered without an ackId although ack was asked for: deliveries are then only "looked valid".</summary>
    public bool AckUnavailable { get; private set; }

    public string Description => $"Splunk HEC {DestinationUrl.Shown(Url)}" + (UseAck ? " (indexer ack)" : " (no ack)");

    public bool Deduplicates => false;

    public async Task<SiemSendResult> SendAsync(SiemBatch batch, CancellationToken cancellationToken)
    {
        if (!UseAck) return await SendOnChannelAsync(batch, null, cancellationToken).ConfigureAwait(false);
        if (!_idleChannels.TryTake(out var channel)) channel = Guid.NewGuid();
        try
        {
            return await SendOnChannelAsync(batch, channel, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _idleChannels.Add(channel);
        }
    }

    private async Task<SiemSendResult> SendOnChannelAsync(SiemBatch batch, Guid? channel, CancellationToken cancellationToken)
    {
        var statuses = new SiemItemStatus[batch.Count];
        var pendingAcks = new List<(long AckId, int Start, int Count)>();
        TimeSpan? retryAfter = null;
        string? detail = null;
        var start = 0;
        foreach (var (body, count) in Bodies(batch))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _eventUri) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("Authorization", "Splunk " + _token);
            if (channel is { } c) request.Headers.TryAddWithoutValidation("X-Splunk-Request-Channel", c.ToString("D"));
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var (code, ackId, message) = ParseAnswer(text);
            var status = (int)response.StatusCode;
            SiemItemStatus outcome;
            if (status == 200 && code == 0)
            {
                if (channel != null && ackId is { } id)
                {
                    // A channel's ack ids only grow. One that does not means HEC lost the channel
                    // (restarted, or dropped it as idle) after this send's earlier POSTs: their events
                    // may have died with it, and their ids are being issued again for other POSTs, so
                    // a true for one of them would confirm the wrong POST. Send those events again.
                    if (pendingAcks.Count > 0 && id <= pendingAcks[pendingAcks.Count - 1].AckId)
                    {
                        detail = $"HEC issued ack id {id} again (the channel was reset); the events of the POSTs before it are sent again";
                        pendingAcks.Clear();
                    }
                    pendingAcks.Add((id, start, count));
                    outcome = SiemItemStatus.Retry; // until the ack is true
                }
                else
                {
                    if (UseAck) AckUnavailable = true;
                    outcome = SiemItemStatus.Acknowledged;
                }
            }
            else if (status == 413 && count > 1)
            {
                // Over HEC's max_content_length (older Splunk had 1,000,000 bytes; a proxy in front
                // may have less): the same body could never fit, so from now on bodies are cut at
                // half its size, and its events go again in those.
                MaxRequestBytes = Math.Min(MaxRequestBytes, Math.Max(1, body.Length / 2));
                outcome = SiemItemStatus.Retry;
                detail = $"HTTP 413 {message}; requests are now cut at {MaxRequestBytes} bytes";
            }
            else if (status == 429 || status >= 500 || code == 9)
            {
                outcome = SiemItemStatus.Retry;
                retryAfter = RetryAfter(response) ?? retryAfter;
                detail = $"HTTP {status} {message}";
            }
            else
            {
                // 400 (bad data, channel), 401/403 (token): sending again cannot help.
                outcome = SiemItemStatus.Rejected;
                detail = $"HTTP {status} {message} (code {code})";
            }
            for (var i = start; i < start + count; i++) statuses[i] = outcome;
            start += count;
        }
        if (pendingAcks.Count > 0)
        {
            var confirmed = await WaitForAcksAsync(channel!.Value, pendingAcks.Select(p => p.AckId).ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var (ackId, first, count) in pendingAcks)
            {
                if (!confirmed.Contains(ackId))
                {
                    detail = $"indexer ack {ackId} not true after {AckTimeout.TotalSeconds:0} s";
                    continue;
                }
                for (var i = first; i < first + count; i++) statuses[i] = SiemItemStatus.Acknowledged;
            }
        }
        return new SiemSendResult(statuses, retryAfter, detail);
    }

    /// <summary>Polls the ack endpoint until every id is true or the timeout passes; returns the ids confirmed.</summary>
    private async Task<HashSet<long>> WaitForAcksAsync(Guid channel, List<long> ids, CancellationToken cancellationToken)
    {
        var ackUri = new Uri(_root, "services/collector/ack?channel=" + channel.ToString("D"));
        var confirmed = new HashSet<long>();
        var deadline = DateTimeOffset.UtcNow + AckTimeout;
        var wait = AckPollInterval;
        while (true)
        {
            var waiting = ids.Where(i => !confirmed.Contains(i)).ToList();
            if (waiting.Count == 0) return confirmed;
            var body = Encoding.UTF8.GetBytes("{\"acks\":[" + string.Join(",", waiting.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]}");
            using (var request = new HttpRequestMessage(HttpMethod.Post, ackUri) { Content = new ByteArrayContent(body) })
            {
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.TryAddWithoutValidation("Authorization", "Splunk " + _token);
                request.Headers.TryAddWithoutValidation("X-Splunk-Request-Channel", channel.ToString("D"));
                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    using var doc = JsonDocument.Parse(text);
                    if (doc.RootElement.TryGetProperty("acks", out var acks) && acks.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var p in acks.EnumerateObject())
                        {
                            if (p.Value.ValueKind == JsonValueKind.True && long.TryParse(p.Name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)) confirmed.Add(id);
                        }
                    }
                }
            }
            if (ids.All(confirmed.Contains)) return confirmed;
            if (DateTimeOffset.UtcNow + wait > deadline) return confirmed;
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 2000));
        }
    }

    /// <summary>HEC event envelopes, concatenated, cut into bodies of at most MaxRequestBytes (one event may exceed it alone).</summary>
    private IEnumerable<(byte[] Body, int Count)> Bodies(SiemBatch batch)
    {
        var buffer = new MemoryStream();
        var count = 0;
        foreach (var record in batch.Records)
        {
            var envelope = Envelope(record);
            if (count > 0 && buffer.Length + envelope.Length > MaxRequestBytes)
            {
                yield return (buffer.ToArray(), count);
                buffer.SetLength(0);
                count = 0;
            }
            buffer.Write(envelope, 0, envelope.Length);
            count++;
        }
        if (count > 0) yield return (buffer.ToArray(), count);
    }

    private byte[] Envelope(SiemRecord record)
    {
        using var stream = new MemoryStream(record.Json.Length + 256);
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("time", Math.Round(record.Published.ToUnixTimeMilliseconds() / 1000.0, 3));
            if (Host != null) w.WriteString("host", Host);
            if (Source != null) w.WriteString("source", Source);
            w.WriteString("sourcetype", Sourcetype);
            if (Index != null) w.WriteString("index", Index);
            w.WriteStartObject("fields");
            w.WriteString("okta_uuid", record.Uuid);
            w.WriteEndObject();
            w.WritePropertyName("event");
            w.WriteRawValue(record.Json.Span, skipInputValidation: true);
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static (int Code, long? AckId, string Text) ParseAnswer(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            var code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : -1;
            long? ackId = root.TryGetProperty("ackId", out var a) && a.TryGetInt64(out var id) ? id : null;
            var message = root.TryGetProperty("text", out var t) ? t.GetString() ?? string.Empty : string.Empty;
            return (code, ackId, message);
        }
        catch (JsonException)
        {
            return (-1, null, text.Length > 200 ? text.Substring(0, 200) : text);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var value = response.Headers.RetryAfter;
        if (value?.Delta is { } delta) return delta;
        if (value?.Date is { } date) return date - DateTimeOffset.UtcNow;
        return null;
    }

    public void Dispose() => _http.Dispose();

    public override string ToString() => Description;
}
