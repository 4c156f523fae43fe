using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace OktaIntegration.Emulator.Siem;

/// <summary>
/// The state of the emulated Splunk HTTP Event Collector: tokens (each with indexer
/// acknowledgement on or off), channels and their ack ids, and what has been indexed (the
/// ground truth tests compare with). Behaves as Splunk documents: with ack on, a channel is
/// required and each POST returns an ackId that turns true once its events are indexed; without
/// ack, 200 only means the data looked valid.
/// </summary>
public sealed class SplunkHecReceiver
{
    /// <summary>The token the emulator accepts by default, with indexer acknowledgement on.</summary>
    public const string AckToken = "11111111-2222-3333-4444-555555555555";

    /// <summary>A token with indexer acknowledgement off.</summary>
    public const string NoAckToken = "66666666-7777-8888-9999-000000000000";

    private readonly object _gate = new();
    private readonly Dictionary<string, bool> _tokens = new(StringComparer.Ordinal) { [AckToken] = true, [NoAckToken] = false };
    private readonly Dictionary<string, Channel> _channels = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HecEvent> _indexed = new();
    private int _busy;
    private int _drop;

    /// <summary>
    /// The largest event POST taken (limits.conf [http_input] max_content_length, 800 MB in current
    /// Splunk); above it splunkd answers 413 before reading the events.
    /// </summary>
    public long MaxContentLength { get; set; } = 800L * 1024 * 1024;

    /// <summary>Ack polls that answer false before an ack turns true ("late acks").</summary>
    public int AckPendingPolls { get; set; }

    /// <summary>The next N event POSTs get 503 "Server is busy" (code 9).</summary>
    public void BusyFor(int requests) => Interlocked.Exchange(ref _busy, requests);

    /// <summary>The next N event POSTs are accepted with an ackId whose events are never indexed (the ack stays false).</summary>
    public void DropFor(int requests) => Interlocked.Exchange(ref _drop, requests);

    /// <summary>
    /// HEC restarts (or drops a channel idle past maxIdleTime): channels and their ack ids live in
    /// memory and are gone. A channel used again starts over at ackId 0, so an id a client still
    /// waits for can be issued again for another POST; an id not issued since answers false.
    /// </summary>
    public void Restart()
    {
        lock (_gate) _channels.Clear();
    }

    public void AddToken(string token, bool ack)
    {
        lock (_gate) _tokens[token] = ack;
    }

    /// <summary>Every event indexed, in order (repeats included: HEC does not dedupe).</summary>
    public IReadOnlyList<HecEvent> Indexed
    {
        get { lock (_gate) return _indexed.ToArray(); }
    }

    public int AckPolls { get; private set; }

    internal bool? AckEnabled(string token)
    {
        lock (_gate) return _tokens.TryGetValue(token, out var ack) ? ack : null;
    }

    internal bool TakeBusy() => TakeOne(ref _busy);

    internal bool TakeDrop() => TakeOne(ref _drop);

    private static bool TakeOne(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0) return false;
            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current) return true;
        }
    }

    /// <summary>Indexes the events (unless dropped) and, with ack on, returns the ackId that will report it.</summary>
    internal long? Accept(string? channel, IReadOnlyList<HecEvent> events, bool drop)
    {
        lock (_gate)
        {
            if (channel == null)
            {
                _indexed.AddRange(events);
                return null;
            }
            if (!_channels.TryGetValue(channel, out var ch)) _channels[channel] = ch = new Channel();
            var id = ch.NextAckId++;
            // Indexing goes on whether or not anyone polls; the ack only reports it, late.
            if (!drop) _indexed.AddRange(events);
            ch.Pending[id] = new PendingAck(drop ? int.MaxValue : AckPendingPolls);
            return id;
        }
    }

    /// <summary>Answers an ack poll: true once an id has waited its pending polls; a dropped batch's id stays false.</summary>
    internal Dictionary<string, bool> Poll(string channel, IEnumerable<long> ids)
    {
        lock (_gate)
        {
            AckPolls++;
            var answer = new Dictionary<string, bool>(StringComparer.Ordinal);
            _channels.TryGetValue(channel, out var ch);
            foreach (var id in ids)
            {
                var done = false;
                if (ch != null && ch.Pending.TryGetValue(id, out var pending))
                {
                    if (pending.Done) done = true;
                    else if (pending.PollsLeft <= 0)
                    {
                        pending.Done = true;
                        done = true;
                    }
                    else if (pending.PollsLeft != int.MaxValue)
                    {
                        pending.PollsLeft--;
                    }
                }
                answer[id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = done;
            }
            return answer;
        }
    }

    private sealed class Channel
    {
        public long NextAckId { get; set; }

        public Dictionary<long, PendingAck> Pending { get; } = new();
    }

    private sealed class PendingAck
    {
        public PendingAck(int polls)
        {
            PollsLeft = polls;
        }

        public int PollsLeft { get; set; }

        public bool Done { get; set; }
    }
}

/// <summary>One indexed HEC event: its indexed fields (okta_uuid) and its event text.</summary>
public sealed class HecEvent
{
    public HecEvent(string? uuid, string? sourcetype, string? index, string eventJson)
    {
        Uuid = uuid;
        Sourcetype = sourcetype;
        Index = index;
        EventJson = eventJson;
    }

    public string? Uuid { get; }

    public string? Sourcetype { get; }

    public string? Index { get; }

    public string EventJson { get; }
}
