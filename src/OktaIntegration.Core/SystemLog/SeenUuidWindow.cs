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
/// <remarks>
/// The window also keeps what changed since it was last asked (<see cref="TakeChanges"/>), so the
/// cursor file can record a page's worth of changes instead of the whole window after every page.
/// Entries only ever leave from the oldest end (eviction) or one by one (<see cref="Forget"/>), and
/// only ever arrive at the newest end, so the changes are three small things: how many of the
/// entries there were then have been evicted, which of them were forgotten, and the entries added
/// since that are still here. Each entry carries its insertion position, which is what tells an
/// entry that was there then from one added since (and a uuid forgotten and added again from its
/// earlier self).
/// </remarks>
public sealed class SeenUuidWindow
{
    /// <summary>The base of the changes of a window nothing was taken from or restored into yet: an empty one.</summary>
    internal static readonly object EmptyBase = new();

    private readonly Dictionary<string, Slot> _live = new(StringComparer.Ordinal);

    // Oldest first; _order[_head] has position _headPosition, and positions rise by one an entry.
    private readonly List<string> _order = new();
    private int _head;
    private long _headPosition;

    // What changed since the last TakeChanges: entries inserted before _mark were "there then".
    private long _mark;
    private int _droppedSinceMark;
    private List<string>? _forgottenSinceMark;

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

    public int Count => _live.Count;

    /// <summary>
    /// What the changes <see cref="TakeChanges"/> would return are relative to: <see cref="EmptyBase"/>
    /// for a new window, the very list given to <see cref="Restore"/> when a new window was restored
    /// from it whole, and otherwise the token the last <see cref="TakeChanges"/> returned (a restore
    /// into a window that had entries, or that dropped some of the restored ones, makes a fresh one
    /// no one holds). A cursor store compares it with the state it saved last, to know whether the
    /// changes apply to that state.
    /// </summary>
    internal object ChangeBase { get; private set; } = EmptyBase;

    private long NextPosition => _headPosition + (_order.Count - _head);

    public bool Contains(string uuid) => _live.ContainsKey(uuid);

    /// <summary>Records a delivered event; false when it was already there.</summary>
    public bool Add(string uuid, DateTimeOffset published)
    {
        if (_live.ContainsKey(uuid)) return false;
        var ms = published.ToUnixTimeMilliseconds();
        if (ms > HighWaterMark) HighWaterMark = ms;
        Insert(uuid, HighWaterMark);
        Evict();
        return true;
    }

    /// <summary>Takes back an event that was not delivered after all (a run stopped in the middle of a page).</summary>
    public void Forget(string uuid)
    {
        // Its place in the order is skipped when evicted. Only an entry that was there at the last
        // TakeChanges is a change of its own; one added since is simply no longer among the added.
        if (!_live.TryGetValue(uuid, out var slot)) return;
        _live.Remove(uuid);
        if (slot.Position < _mark) (_forgottenSinceMark ??= new List<string>()).Add(uuid);
    }

    /// <summary>The entries to persist, oldest first.</summary>
    public IEnumerable<(string Uuid, long Stamp)> Entries
    {
        get
        {
            for (var i = _head; i < _order.Count; i++)
            {
                if (IsLive(i, out var stamp)) yield return (_order[i], stamp);
            }
        }
    }

    /// <summary>Restores persisted entries (oldest first) and the high-water mark.</summary>
    public void Restore(IEnumerable<(string Uuid, long Stamp)> entries, long highWaterMark)
    {
        var fresh = NextPosition == 0;
        var given = 0;
        foreach (var (uuid, stamp) in entries)
        {
            given++;
            if (!_live.ContainsKey(uuid)) Insert(uuid, stamp);
        }
        HighWaterMark = Math.Max(HighWaterMark, highWaterMark);
        Evict();
        if (fresh && _live.Count == given)
        {
            // Exactly the given entries, in their order: changes from here on apply to that list.
            MarkNow();
            ChangeBase = entries;
        }
        else
        {
            ChangeBase = new object();
        }
    }

    /// <summary>
    /// What changed since the last call (or since <see cref="ChangeBase"/>): applied to the entries
    /// there were then, the result is <see cref="Entries"/> now. Costs the entries added since, not
    /// the window.
    /// </summary>
    internal SeenUuidWindowChanges TakeChanges()
    {
        var added = new List<(string Uuid, long Stamp)>();
        var firstNew = _head + (int)Math.Max(0, Math.Min(_mark - _headPosition, _order.Count - _head));
        for (var i = firstNew; i < _order.Count; i++)
        {
            if (IsLive(i, out var stamp)) added.Add((_order[i], stamp));
        }
        var changes = new SeenUuidWindowChanges(ChangeBase, _droppedSinceMark, (IReadOnlyList<string>?)_forgottenSinceMark ?? Array.Empty<string>(), added, Count, HighWaterMark);
        MarkNow();
        ChangeBase = changes;
        return changes;
    }

    private void MarkNow()
    {
        _mark = NextPosition;
        _droppedSinceMark = 0;
        _forgottenSinceMark = null;
    }

    private bool IsLive(int index, out long stamp)
    {
        var position = _headPosition + (index - _head);
        if (_live.TryGetValue(_order[index], out var slot) && slot.Position == position)
        {
            stamp = slot.Stamp;
            return true;
        }
        stamp = 0;
        return false;
    }

    private void Insert(string uuid, long stamp)
    {
        _live[uuid] = new Slot(stamp, NextPosition);
        _order.Add(uuid);
    }

    private void Evict()
    {
        var horizon = HighWaterMark - (long)Window.TotalMilliseconds;
        while (_head < _order.Count)
        {
            var live = IsLive(_head, out var stamp);
            if (live && _live.Count <= MaximumKept && (_live.Count <= MinimumKept || stamp >= horizon)) break;
            if (live)
            {
                _live.Remove(_order[_head]);
                if (_headPosition < _mark) _droppedSinceMark++;
            }
            _order[_head] = null!;
            _head++;
            _headPosition++;
        }
        // Shifting the list down only once the evicted part is half of it keeps eviction O(1) amortized.
        if (_head >= 1024 && _head * 2 >= _order.Count)
        {
            _order.RemoveRange(0, _head);
            _head = 0;
        }
    }

    private readonly struct Slot
    {
        public Slot(long stamp, long position)
        {
            Stamp = stamp;
            Position = position;
        }

        public long Stamp { get; }

        /// <summary>Its place in the order of insertion: the entry at another place with the same uuid is an earlier self, gone.</summary>
        public long Position { get; }
    }
}
