using System.Collections.Generic;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// What a <see cref="SeenUuidWindow"/> changed between two calls of its TakeChanges: applied to the
/// entries it had at the first (<see cref="Base"/>), they give the entries it had at the second. Remove
/// the <see cref="Forgotten"/> uuids, then the oldest <see cref="Dropped"/> entries of the rest, then
/// append <see cref="Added"/>; <see cref="Count"/> is the size that must result.
/// </summary>
internal sealed class SeenUuidWindowChanges
{
    public SeenUuidWindowChanges(object @base, int dropped, IReadOnlyList<string> forgotten, IReadOnlyList<(string Uuid, long Stamp)> added, int count, long highWaterMark)
    {
        Base = @base;
        Dropped = dropped;
        Forgotten = forgotten;
        Added = added;
        Count = count;
        HighWaterMark = highWaterMark;
    }

    /// <summary>The state these changes apply to (see <see cref="SeenUuidWindow.ChangeBase"/>); the changes themselves are the base of the next ones.</summary>
    public object Base { get; }

    /// <summary>Entries of the base evicted since, oldest first; counted after the forgotten ones are removed.</summary>
    public int Dropped { get; }

    /// <summary>Entries of the base taken back since (<see cref="SeenUuidWindow.Forget"/>).</summary>
    public IReadOnlyList<string> Forgotten { get; }

    /// <summary>Entries added since and still in the window, oldest first.</summary>
    public IReadOnlyList<(string Uuid, long Stamp)> Added { get; }

    /// <summary>The window's size after the changes.</summary>
    public int Count { get; }

    public long HighWaterMark { get; }
}
