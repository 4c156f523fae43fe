using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Detection;

/// <summary>
/// The remembered events of one key of one rule (one user's denied pushes, one address's failed
/// sign-ins), sorted by EVENT time, so a late or out-of-order event lands where it belongs and
/// every window over it is evaluated as if it had arrived in time. An event seen twice (overlapping
/// runs) is kept once. Old entries fall out behind <see cref="HorizonMs"/>; the count is capped.
/// </summary>
public sealed class EventWindow
{
    private readonly List<WindowEntry> _entries = new();

    internal EventWindow(long horizonMs)
    {
        HorizonMs = horizonMs;
    }

    /// <summary>How long an entry is kept behind the newest event time seen (the window plus the late-event allowance).</summary>
    public long HorizonMs { get; internal set; }

    /// <summary>The latest event time in the window; the store evicts the stalest windows first.</summary>
    public long LatestMs { get; private set; } = long.MinValue;

    public IReadOnlyList<WindowEntry> Entries => _entries;

    public int Count => _entries.Count;

    /// <summary>Inserts in event-time order; false when the uuid is already there.</summary>
    public bool Add(WindowEntry entry, int maxEntries)
    {
        var i = _entries.Count;
        while (i > 0 && _entries[i - 1].TimeMs > entry.TimeMs) i--;
        // Duplicates share the time: look around the insertion point only.
        for (var j = i - 1; j >= 0 && _entries[j].TimeMs == entry.TimeMs; j--)
            if (_entries[j].Uuid == entry.Uuid) return false;
        for (var j = i; j < _entries.Count && _entries[j].TimeMs == entry.TimeMs; j++)
            if (_entries[j].Uuid == entry.Uuid) return false;
        _entries.Insert(i, entry);
        if (entry.TimeMs > LatestMs) LatestMs = entry.TimeMs;
        if (_entries.Count > maxEntries) _entries.RemoveRange(0, _entries.Count - maxEntries);
        return true;
    }

    /// <summary>Restores an entry read from the state file (already in order).</summary>
    internal void Load(WindowEntry entry)
    {
        _entries.Add(entry);
        if (entry.TimeMs > LatestMs) LatestMs = entry.TimeMs;
    }

    /// <summary>Drops entries older than <paramref name="watermarkMs"/> minus the horizon.</summary>
    internal void Prune(long watermarkMs)
    {
        if (watermarkMs == long.MinValue) return; // nothing seen yet
        var cutoff = watermarkMs - HorizonMs;
        var n = 0;
        while (n < _entries.Count && _entries[n].TimeMs < cutoff) n++;
        if (n > 0) _entries.RemoveRange(0, n);
    }

    public void Remove(Predicate<WindowEntry> match) => _entries.RemoveAll(match);

    /// <summary>Index of the first entry at or after <paramref name="timeMs"/>.</summary>
    public int FirstAtOrAfter(long timeMs)
    {
        int lo = 0, hi = _entries.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_entries[mid].TimeMs < timeMs) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
