using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// What a cursor file holds: Okta's next link (followed verbatim on the next run), whether a
/// bounded query has finished, the org and query it belongs to, and the recently delivered
/// uuids that let the next run drop repeats. Format 2 writes it as a journal of saves (see
/// SystemLogCursorFile); this is the state they add up to.
/// </summary>
public sealed class SystemLogCursor
{
    public const int CurrentFormat = 2;

    public int Format { get; set; } = CurrentFormat;

    public string Org { get; set; } = string.Empty;

    public string QueryFingerprint { get; set; } = string.Empty;

    public string Query { get; set; } = string.Empty;

    /// <summary>The URL of the next page to read; null once a bounded query is complete.</summary>
    public string? Next { get; set; }

    public bool Completed { get; set; }

    public DateTimeOffset Updated { get; set; }

    public long HighWaterMark { get; set; } = long.MinValue;

    public IReadOnlyList<(string Uuid, long Stamp)> Seen { get; set; } = Array.Empty<(string, long)>();
}
