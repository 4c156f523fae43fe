using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Emulator.Users;

namespace OktaIntegration.Emulator.SystemLog;

/// <summary>
/// The emulated org's System Log: events in persistence order (what polling follows) with a
/// published-order view built on demand (what bounded queries follow). Tests steer it through
/// the switches below — late-arriving events, out-of-order published times, duplicates across
/// pages and a trickle of new events — and read the ground truth back from <see cref="Snapshot"/>.
/// </summary>
public sealed class LogEventStore : ISystemLogSink
{
    /// <summary>Okta never returns events older than this.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    private readonly List<StoredLogEvent> _events = new();
    private readonly List<PendingLate> _pending = new();
    private readonly object _gate = new();
    private readonly LogEventGenerator _generator;
    private readonly Random _random;
    private StoredLogEvent[]? _byPublished;
    private int _pollingRequests;

    public LogEventStore(EmulatorOptions options, OrgState org)
    {
        _generator = new LogEventGenerator(options.Seed, org);
        _random = new Random(options.Seed ^ 0x1065);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var count = Math.Max(0, options.EventCount);
        var start = now - (long)options.EventSpan.TotalMilliseconds;
        var end = now - 60_000;
        var step = count > 0 ? Math.Max(1.0, (end - start) / (double)count) : 1;
        for (var i = 0; i < count; i++)
        {
            // Stored in order; published a little earlier, by a varying lag, so polling order is
            // not quite published order — as on Okta.
            var persisted = start + (long)(i * step);
            var published = persisted - _random.Next(0, options.MaxPublishLagMs + 1);
            AddLocked(persisted, published, null);
        }
        if (options.ThreatScenarios.Count > 0) PlantThreatScenarios(options, org, now);
    }

    /// <summary>The ground truth of the planted threat scenarios (empty without --scenarios).</summary>
    public IReadOnlyList<Scenarios.GroundTruthLabel> ScenarioLabels { get; private set; } = Array.Empty<Scenarios.GroundTruthLabel>();

    /// <summary>
    /// Merges the threat scenarios (benign traffic of every user over the last 11 days with the
    /// attacks planted in it) into the seeded log, in persistence order.
    /// </summary>
    private void PlantThreatScenarios(EmulatorOptions options, OrgState org, long now)
    {
        var users = org.Users.Where(u => u.Status == "ACTIVE").Select(u => new Scenarios.ScenarioUser(u.Id, u.Login, u.FirstName + " " + u.LastName)).ToList();
        if (users.Count < 8) users = org.Users.Select(u => new Scenarios.ScenarioUser(u.Id, u.Login, u.FirstName + " " + u.LastName)).ToList();
        var end = now - 60_000;
        var built = Scenarios.ThreatScenarioGenerator.Build(options.Seed, users, end - (long)TimeSpan.FromDays(11).TotalMilliseconds, end, options.ThreatScenarios);
        ScenarioLabels = built.Labels;
        var merged = new List<(long Persisted, long Published, string Uuid, string Type, byte[] Json)>(_events.Count + built.Events.Count);
        foreach (var e in _events) merged.Add((e.PersistedMs, e.PublishedMs, e.Uuid, e.EventType, e.Json));
        foreach (var e in built.Events) merged.Add((e.PublishedMs + _random.Next(0, options.MaxPublishLagMs + 1), e.PublishedMs, e.Uuid, e.EventType, e.Json));
        merged.Sort((a, b) => a.Persisted.CompareTo(b.Persisted));
        _events.Clear();
        foreach (var e in merged) _events.Add(new StoredLogEvent(e.Uuid, e.Type, e.Published, e.Persisted, _events.Count, e.Json));
        _byPublished = null;
    }

    /// <summary>Events in persistence order.</summary>
    public int Count
    {
        get { lock (_gate) return _events.Count; }
    }

    /// <summary>How many polling requests have been served (late events count these).</summary>
    public int PollingRequests => Volatile.Read(ref _pollingRequests);

    /// <summary>When above zero, each continuation page starts with this many events the previous page already had (Okta has been seen repeating events across pages).</summary>
    public int DuplicatesAcrossPages { get; set; }

    /// <summary>Every event that a client could be asked to deliver, in persistence order (the ground truth).</summary>
    public IReadOnlyList<StoredLogEvent> Snapshot()
    {
        lock (_gate) return _events.ToArray();
    }

    /// <summary>Events not yet visible (late arrivals still in flight).</summary>
    public int PendingLateEvents
    {
        get { lock (_gate) return _pending.Sum(p => p.Count); }
    }

    /// <summary>An event an admin action caused (session clear, suspend, zone update…): stored now, served as built.</summary>
    public void Append(EmulatedLogEvent logEvent)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(logEvent.ToJson());
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var persisted = _events.Count > 0 ? Math.Max(now, _events[^1].PersistedMs) : now;
            _events.Add(new StoredLogEvent(logEvent.Uuid, logEvent.EventType, logEvent.Published.ToUnixTimeMilliseconds(), persisted, _events.Count, json));
            _byPublished = null;
        }
    }

    /// <summary>Adds one event stored now; published now unless given.</summary>
    public StoredLogEvent Append(string? eventType = null, DateTimeOffset? published = null)
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            return AddLocked(now, published?.ToUnixTimeMilliseconds() ?? now, eventType);
        }
    }

    public void AppendMany(int count, TimeSpan? maxPublishLag = null)
    {
        lock (_gate)
        {
            var lag = (int)(maxPublishLag ?? TimeSpan.Zero).TotalMilliseconds;
            for (var i = 0; i < count; i++)
            {
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                AddLocked(now, now - (lag > 0 ? _random.Next(lag + 1) : 0), null);
            }
        }
    }

    /// <summary>
    /// Late-arriving events: published <paramref name="publishedAgo"/> ago but stored (and so
    /// visible to polling) only after <paramref name="visibleAfterPolls"/> more polling requests.
    /// A bounded query over their published time misses them until then, as Okta warns.
    /// </summary>
    public void AddLateEvents(int count, int visibleAfterPolls, TimeSpan publishedAgo)
    {
        lock (_gate) _pending.Add(new PendingLate(count, visibleAfterPolls, DateTimeOffset.UtcNow - publishedAgo));
    }

    /// <summary>Adds <paramref name="perTick"/> new events every <paramref name="interval"/> until disposed (tail tests).</summary>
    public IDisposable StartTrickle(TimeSpan interval, int perTick) =>
        new Timer(_ => AppendMany(perTick, TimeSpan.FromMilliseconds(500)), null, interval, interval);

    /// <summary>A polling request arrived: late events whose time has come are stored now.</summary>
    internal void CountPollingRequest()
    {
        Interlocked.Increment(ref _pollingRequests);
        lock (_gate)
        {
            foreach (var late in _pending.ToArray())
            {
                if (--late.PollsLeft > 0) continue;
                _pending.Remove(late);
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                for (var i = 0; i < late.Count; i++) AddLocked(now, late.Published.ToUnixTimeMilliseconds() - i, null);
            }
        }
    }

    /// <summary>Position of the first event stored at or after <paramref name="sinceMs"/>.</summary>
    internal long FirstPositionAtOrAfter(long sinceMs)
    {
        lock (_gate)
        {
            int lo = 0, hi = _events.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (_events[mid].PersistedMs < sinceMs) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }

    /// <summary>
    /// A polling page from <paramref name="position"/> on: up to <paramref name="limit"/> matching
    /// events in persistence order and the position after the last one examined.
    /// </summary>
    internal (List<StoredLogEvent> Page, long Next) ReadPolling(long position, int limit, Func<StoredLogEvent, bool> match, bool repeatPrevious)
    {
        var retentionStart = DateTimeOffset.UtcNow.Add(-Retention).ToUnixTimeMilliseconds();
        var page = new List<StoredLogEvent>(Math.Min(limit, 1000));
        lock (_gate)
        {
            var i = (int)Math.Min(Math.Max(0, position), _events.Count);
            for (; i < _events.Count && page.Count < limit; i++)
            {
                var e = _events[i];
                if (e.PublishedMs >= retentionStart && match(e)) page.Add(e);
            }
            if (repeatPrevious && DuplicatesAcrossPages > 0 && page.Count > 0)
            {
                var repeats = new List<StoredLogEvent>();
                for (var j = (int)position - 1; j >= 0 && repeats.Count < DuplicatesAcrossPages; j--)
                {
                    if (match(_events[j])) repeats.Insert(0, _events[j]);
                }
                page.InsertRange(0, repeats);
            }
            return (page, i);
        }
    }

    /// <summary>
    /// A bounded page: events published in [since, until), ordered by published (then position),
    /// strictly after (or, descending, before) the key <paramref name="after"/>.
    /// </summary>
    internal List<StoredLogEvent> ReadBounded(long sinceMs, long untilMs, bool descending, (long PublishedMs, long Position)? after, int limit,
        Func<StoredLogEvent, bool> match, bool repeatPrevious)
    {
        var retentionStart = DateTimeOffset.UtcNow.Add(-Retention).ToUnixTimeMilliseconds();
        sinceMs = Math.Max(sinceMs, retentionStart);
        var view = PublishedOrder();
        var page = new List<StoredLogEvent>(Math.Min(limit, 1000));
        if (!descending)
        {
            var i = after is { } a ? UpperBound(view, a.PublishedMs, a.Position) : LowerBound(view, sinceMs);
            var first = i;
            for (; i < view.Length && page.Count < limit && view[i].PublishedMs < untilMs; i++)
            {
                if (view[i].PublishedMs >= sinceMs && match(view[i])) page.Add(view[i]);
            }
            if (repeatPrevious && DuplicatesAcrossPages > 0 && page.Count > 0)
            {
                var repeats = new List<StoredLogEvent>();
                for (var j = first - 1; j >= 0 && repeats.Count < DuplicatesAcrossPages && view[j].PublishedMs >= sinceMs; j--)
                {
                    if (match(view[j])) repeats.Insert(0, view[j]);
                }
                page.InsertRange(0, repeats);
            }
        }
        else
        {
            var i = (after is { } a ? LowerBoundKey(view, a.PublishedMs, a.Position) : LowerBound(view, untilMs)) - 1;
            for (; i >= 0 && page.Count < limit && view[i].PublishedMs >= sinceMs; i--)
            {
                if (view[i].PublishedMs < untilMs && match(view[i])) page.Add(view[i]);
            }
        }
        return page;
    }

    private StoredLogEvent AddLocked(long persistedMs, long publishedMs, string? eventType)
    {
        if (_events.Count > 0) persistedMs = Math.Max(persistedMs, _events[^1].PersistedMs); // persistence order is monotonic
        var (uuid, type, json) = _generator.Next(publishedMs, eventType);
        var stored = new StoredLogEvent(uuid, type, publishedMs, persistedMs, _events.Count, json);
        _events.Add(stored);
        _byPublished = null;
        return stored;
    }

    private StoredLogEvent[] PublishedOrder()
    {
        lock (_gate)
        {
            if (_byPublished == null)
            {
                var view = _events.ToArray();
                Array.Sort(view, static (x, y) => x.PublishedMs != y.PublishedMs ? x.PublishedMs.CompareTo(y.PublishedMs) : x.Position.CompareTo(y.Position));
                _byPublished = view;
            }
            return _byPublished;
        }
    }

    private static int LowerBound(StoredLogEvent[] view, long publishedMs) => LowerBoundKey(view, publishedMs, long.MinValue);

    /// <summary>First index whose (published, position) key is not less than the given key.</summary>
    private static int LowerBoundKey(StoredLogEvent[] view, long publishedMs, long position)
    {
        int lo = 0, hi = view.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            var e = view[mid];
            if (e.PublishedMs < publishedMs || (e.PublishedMs == publishedMs && e.Position < position)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>First index whose key is greater than the given key.</summary>
    private static int UpperBound(StoredLogEvent[] view, long publishedMs, long position) =>
        position == long.MaxValue ? LowerBoundKey(view, publishedMs + 1, long.MinValue) : LowerBoundKey(view, publishedMs, position + 1);

    private sealed class PendingLate
    {
        public PendingLate(int count, int polls, DateTimeOffset published)
        {
            Count = count;
            PollsLeft = polls;
            Published = published;
        }

        public int Count { get; }

        public int PollsLeft { get; set; }

        public DateTimeOffset Published { get; }
    }
}
