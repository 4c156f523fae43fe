using System.Collections.Generic;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// A page's cursor, taken when the page left the reader, to be saved once the page is delivered
/// (<see cref="SystemLogCursorStore.Capture"/>). It holds the seen window's changes since the
/// previous capture, not the window: captures of one store are saved in the order they were
/// taken, each at most once, and a run that stops may leave its last ones unsaved.
/// </summary>
public sealed class SystemLogCursorCapture
{
    internal SystemLogCursorCapture(long number, string? next, bool completed, long highWaterMark, SeenUuidWindowChanges? changes, IReadOnlyList<(string Uuid, long Stamp)>? whole)
    {
        Number = number;
        Next = next;
        Completed = completed;
        HighWaterMark = highWaterMark;
        Changes = changes;
        Whole = whole;
    }

    /// <summary>The URL of the next page to read; null once a bounded query is complete.</summary>
    public string? Next { get; }

    public bool Completed { get; }

    public long HighWaterMark { get; }

    /// <summary>Its place among the store's captures, from 1.</summary>
    internal long Number { get; }

    /// <summary>The window's changes since the previous capture (or since the cursor read at open); null when <see cref="Whole"/> is set.</summary>
    internal SeenUuidWindowChanges? Changes { get; }

    /// <summary>The whole window, when its changes could not be tied to the previous capture (another window, a partial restore).</summary>
    internal IReadOnlyList<(string Uuid, long Stamp)>? Whole { get; }
}
