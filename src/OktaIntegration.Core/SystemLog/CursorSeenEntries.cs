using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// The seen window as a cursor file holds it: the snapshot's entries with every saved change
/// applied in turn. The reader replays a file into it; the store keeps one in step with what it
/// committed, so a compaction can write the window as of the page it saves even though the live
/// window has moved on to the pages read ahead.
/// </summary>
internal sealed class CursorSeenEntries
{
    // Oldest first, from _head on: dropping the oldest is a move of _head, not a copy.
    private List<(string Uuid, long Stamp)> _entries;
    private int _head;

    public CursorSeenEntries(IEnumerable<(string Uuid, long Stamp)> entries)
    {
        _entries = new List<(string, long)>(entries);
    }

    public int Count => _entries.Count - _head;

    public IEnumerable<(string Uuid, long Stamp)> Entries
    {
        get
        {
            for (var i = _head; i < _entries.Count; i++) yield return _entries[i];
        }
    }

    /// <summary>
    /// Applies one save's changes (see <see cref="SeenUuidWindowChanges"/>); a FormatException when
    /// they do not fit these entries (a forgotten uuid that is not here, more dropped than there are,
    /// or a size other than the one recorded), which only a damaged file or a mismatched base can cause.
    /// </summary>
    public void Apply(int dropped, IReadOnlyCollection<string> forgotten, IReadOnlyList<(string Uuid, long Stamp)> added, int count)
    {
        if (forgotten.Count > 0) RemoveForgotten(forgotten);
        if (dropped < 0 || dropped > Count) throw new FormatException($"a save drops {dropped} of {Count} seen entries");
        _head += dropped;
        if (_head >= 1024 && _head * 2 >= _entries.Count)
        {
            _entries.RemoveRange(0, _head);
            _head = 0;
        }
        _entries.AddRange(added);
        if (Count != count) throw new FormatException($"a save leaves {Count} seen entries where it recorded {count}");
    }

    /// <summary>In one pass over the entries: a page stopped in the middle can take back up to a page of them.</summary>
    private void RemoveForgotten(IReadOnlyCollection<string> forgotten)
    {
        var remove = new HashSet<string>(forgotten, StringComparer.Ordinal);
        var kept = new List<(string, long)>(Count);
        for (var i = _head; i < _entries.Count; i++)
        {
            if (!remove.Remove(_entries[i].Uuid)) kept.Add(_entries[i]);
        }
        if (remove.Count > 0) throw new FormatException($"a save forgets {remove.Count} uuid(s) the seen entries do not hold");
        _entries = kept;
        _head = 0;
    }
}
