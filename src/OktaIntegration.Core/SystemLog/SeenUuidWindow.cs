using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// The uuids delivered recently, to drop repeats: Okta's polling can repeat events across
/// pages, and a resumed run re-reads the page it was interrupted in. Time-bounded by event time,
/// not wall-clock time: each uuid is stamped with the newest published time seen when it was
/// delivered (so a late event stays as long as a fresh one) and forgotten once the newest
/// published time has moved on by <see cref="Window"/>; the last <see cref="MinimumKept"/> are
/// always kept, so a whole replayed page is covered even in a quiet org, and at most
/// <see cref="MaximumKept"/> are kept, so the cursor file stays small.
/// </summary>
public sealed class SeenUuidWindow
{
    private readonly Dictionary<string, long> _stamps = new(StringComparer.Ordinal);
    private readonly Queue<(string Uuid, long Stamp)> _order = new();

    public SeenUuidWindow(TimeSpan? window = null, int minimumKept = 2000, int maximumKept = 50_000)
    {
        Window = window ?? TimeSpan.FromHours(1);
        MinimumKept = minimumKept;
        MaximumKept = Math.Max(minimumKept, maximumKept);
    }

    public TimeSpan Window { get; }

    public int MinimumKept { get; }

    public int MaximumKept { get; }

    /// <summary>The newest published time delivered, in Unix milliseconds.</summary>
    public long HighWaterMark { get; private set; } = long.MinValue;

    public int Count => _stamps.Count;

    public bool Contains(string uuid) => _stamps.ContainsKey(uuid);

    /// <summary>Records a delivered event; false when it was already there.</summary>
    public bool Add(string uuid, DateTimeOffset published)
    {
        if (_stamps.ContainsKey(uuid)) return false;
        var ms = published.ToUnixTimeMilliseconds();
        if (ms > HighWaterMark) HighWaterMark = ms;
        Insert(uuid, HighWaterMark);
        Evict();
        return true;
    }

    /// <summary>Takes back an event that was not delivered after all (a run stopped in the middle of a page).</summary>
    public void Forget(string uuid) => _stamps.Remove(uuid); // its queue entry is skipped when evicted

    /// <summary>The entries to persist, oldest first.</summary>
    public IEnumerable<(string Uuid, long Stamp)> Entries
    {
        get
        {
            foreach (var entry in _order)
            {
                if (_stamps.TryGetValue(entry.Uuid, out var stamp) && stamp == entry.Stamp) yield return entry;
            }
        }
    }

    /// <summary>Restores persisted entries (oldest first) and the high-water mark.</summary>
    public void Restore(IEnumerable<(string Uuid, long Stamp)> entries, long highWaterMark)
    {
        foreach (var (uuid, stamp) in entries)
        {
            if (!_stamps.ContainsKey(uuid)) Insert(uuid, stamp);
        }
        HighWaterMark = Math.Max(HighWaterMark, highWaterMark);
        Evict();
    }

    private void Insert(string uuid, long stamp)
    {
        _stamps[uuid] = stamp;
        _order.Enqueue((uuid, stamp));
    }

    private void Evict()
    {
        var horizon = HighWaterMark - (long)Window.TotalMilliseconds;
        while (_order.Count > 0)
        {
            var (uuid, stamp) = _order.Peek();
            var live = _stamps.TryGetValue(uuid, out var current) && current == stamp;
            if (live && _stamps.Count <= MaximumKept && (_stamps.Count <= MinimumKept || stamp >= horizon)) break;
            _order.Dequeue();
            if (live) _stamps.Remove(uuid);
        }
    }
}
