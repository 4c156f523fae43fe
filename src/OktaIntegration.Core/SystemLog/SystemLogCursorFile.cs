using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using OktaIntegration.Core.Json;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// The cursor file's format. Format 2 is a journal: a snapshot (the readable JSON object format 1
/// was, the seen window on one compact line), then one compact JSON line per save since, each
/// holding that save's next link, completion, high-water mark and time and the seen window's changes
/// (<see cref="SeenUuidWindowChanges"/>: uuids forgotten, how many of the oldest dropped, entries
/// added, the size that results). The state is the snapshot with every complete line applied in
/// order. A line counts only with its newline and only if it parses; a last line that lacks either
/// is a save a crash cut short, and is ignored (the store cuts it off when it opens the file for
/// writing). An unreadable line with complete lines after it is damage, not a crash: the file is
/// unreadable. Format 1 (the snapshot alone) is still read.
/// </summary>
internal static class SystemLogCursorFile
{
    // Relaxed escaping: the next link reads as the URL it is ("&after=…", not "\u0026after=…");
    // the file is read as JSON, never embedded in HTML, which is what the default guards against.
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What a read found: the cursor and where in the file its committed part ends.</summary>
    internal sealed class Contents
    {
        public Contents(SystemLogCursor cursor, long snapshotLength, long committedLength, long fileLength, bool appendable)
        {
            Cursor = cursor;
            SnapshotLength = snapshotLength;
            CommittedLength = committedLength;
            FileLength = fileLength;
            Appendable = appendable;
        }

        public SystemLogCursor Cursor { get; }

        /// <summary>Bytes up to the end of the snapshot's line.</summary>
        public long SnapshotLength { get; }

        /// <summary>Bytes up to the end of the last complete save; anything after it is a cut-short save.</summary>
        public long CommittedLength { get; }

        public long FileLength { get; }

        /// <summary>Whether a save can be appended at <see cref="CommittedLength"/>: format 2, ending in a newline.</summary>
        public bool Appendable { get; }
    }

    public static Contents Read(string path)
    {
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            throw new SystemLogCursorException(CursorProblem.Unreadable, path,
                $"The cursor file '{path}' is not a System Log cursor this module can read ({ex.Message}). Restore it from backup, or delete it to start again from -Since.", ex);
        }
    }

    private static Contents Parse(byte[] bytes)
    {
        var start = bytes.Length - Utf8Bom.Skip(bytes).Length;
        var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(bytes, start, bytes.Length - start));
        SystemLogCursor cursor;
        CursorSeenEntries seen;
        using (var doc = JsonDocument.ParseValue(ref reader))
        {
            (cursor, seen) = ReadSnapshot(doc.RootElement);
        }
        var snapshotEnd = start + (int)reader.BytesConsumed;
        var newline = Array.IndexOf(bytes, (byte)'\n', snapshotEnd);
        if (!IsBlank(bytes, snapshotEnd, newline < 0 ? bytes.Length : newline)) throw new FormatException("there is text after the cursor object on its line");
        if (newline < 0 || cursor.Format == 1)
        {
            // Format 1, or a snapshot an editor saved without its newline: read whole, and the
            // first save writes a fresh snapshot rather than append to what it cannot vouch for.
            if (!IsBlank(bytes, snapshotEnd, bytes.Length)) throw new FormatException("there is text after the cursor object");
            cursor.Seen = new List<(string, long)>(seen.Entries);
            return new Contents(cursor, bytes.Length, bytes.Length, bytes.Length, appendable: false);
        }
        var snapshotLength = newline + 1;
        var committed = snapshotLength;
        while (committed < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', committed);
            if (end < 0) break; // a save cut short before its newline
            if (!IsBlank(bytes, committed, end))
            {
                JsonDocument record;
                try
                {
                    record = JsonDocument.Parse(new ReadOnlyMemory<byte>(bytes, committed, end - committed));
                }
                catch (JsonException) when (IsBlank(bytes, end + 1, bytes.Length))
                {
                    break; // the last line, garbled by a crash mid-write
                }
                using (record)
                {
                    ApplyRecord(record.RootElement, cursor, seen);
                }
            }
            committed = end + 1;
        }
        cursor.Seen = new List<(string, long)>(seen.Entries);
        return new Contents(cursor, snapshotLength, committed, bytes.Length, appendable: true);
    }

    private static (SystemLogCursor Cursor, CursorSeenEntries Seen) ReadSnapshot(JsonElement root)
    {
        var format = root.GetProperty("format").GetInt32();
        if (format != 1 && format != SystemLogCursor.CurrentFormat) throw new FormatException($"format {format} is not supported");
        var entries = new List<(string, long)>();
        if (root.TryGetProperty("seen", out var seen))
        {
            foreach (var entry in seen.EnumerateArray()) entries.Add((entry[0].GetString()!, entry[1].GetInt64()));
        }
        var cursor = new SystemLogCursor
        {
            Format = format,
            Org = root.GetProperty("org").GetString()!,
            QueryFingerprint = root.GetProperty("queryFingerprint").GetString()!,
            Query = root.TryGetProperty("query", out var q) ? q.GetString() ?? string.Empty : string.Empty,
        };
        ReadPosition(root, cursor);
        return (cursor, new CursorSeenEntries(entries));
    }

    /// <summary>The fields a snapshot and every save carry alike.</summary>
    private static void ReadPosition(JsonElement element, SystemLogCursor cursor)
    {
        var next = element.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        if (next != null && !Uri.TryCreate(next, UriKind.Absolute, out _)) throw new FormatException("its next link is not an absolute URL");
        cursor.Next = next;
        cursor.Completed = element.TryGetProperty("completed", out var c) && c.ValueKind == JsonValueKind.True;
        cursor.Updated = element.TryGetProperty("updated", out var u) && u.TryGetDateTimeOffset(out var updated) ? updated : default;
        cursor.HighWaterMark = element.TryGetProperty("highWaterMark", out var h) && h.TryGetInt64(out var hw) ? hw : long.MinValue;
    }

    private static void ApplyRecord(JsonElement record, SystemLogCursor cursor, CursorSeenEntries seen)
    {
        ReadPosition(record, cursor);
        var forgotten = new List<string>();
        if (record.TryGetProperty("forget", out var forget))
        {
            foreach (var uuid in forget.EnumerateArray()) forgotten.Add(uuid.GetString()!);
        }
        var added = new List<(string, long)>();
        foreach (var entry in record.GetProperty("add").EnumerateArray()) added.Add((entry[0].GetString()!, entry[1].GetInt64()));
        seen.Apply(record.GetProperty("drop").GetInt32(), forgotten, added, record.GetProperty("count").GetInt32());
    }

    private static bool IsBlank(byte[] bytes, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (bytes[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        }
        return true;
    }

    /// <summary>The snapshot a compaction (or the first save) writes, ending in the newline records follow.</summary>
    public static void WriteSnapshot(Stream stream, SystemLogCursor cursor, IEnumerable<(string Uuid, long Stamp)> seen, int count)
    {
        using (var w = new Utf8JsonWriter(stream, Indented))
        {
            w.WriteStartObject();
            w.WriteNumber("format", SystemLogCursor.CurrentFormat);
            w.WriteString("org", cursor.Org);
            w.WriteString("queryFingerprint", cursor.QueryFingerprint);
            w.WriteString("query", cursor.Query);
            WritePosition(w, cursor.Next, cursor.Completed, cursor.Updated, cursor.HighWaterMark);
            w.WritePropertyName("seen");
            using (var line = CompactSeen(seen, count))
            {
                w.WriteRawValue(new ReadOnlySpan<byte>(line.GetBuffer(), 0, (int)line.Length), skipInputValidation: true);
            }
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    /// <summary>One save's line: its position and the seen window's changes, newline included.</summary>
    public static byte[] Record(string? next, bool completed, DateTimeOffset updated, SeenUuidWindowChanges changes)
    {
        var buffer = new MemoryStream(256 + changes.Added.Count * 56);
        using (var w = new Utf8JsonWriter(buffer, Compact))
        {
            w.WriteStartObject();
            WritePosition(w, next, completed, updated, changes.HighWaterMark);
            w.WriteNumber("count", changes.Count);
            w.WriteNumber("drop", changes.Dropped);
            if (changes.Forgotten.Count > 0)
            {
                w.WriteStartArray("forget");
                foreach (var uuid in changes.Forgotten) w.WriteStringValue(uuid);
                w.WriteEndArray();
            }
            w.WritePropertyName("add");
            WriteEntries(w, changes.Added);
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WritePosition(Utf8JsonWriter w, string? next, bool completed, DateTimeOffset updated, long highWaterMark)
    {
        if (next != null) w.WriteString("next", next);
        else w.WriteNull("next");
        w.WriteBoolean("completed", completed);
        w.WriteString("updated", updated);
        w.WriteNumber("highWaterMark", highWaterMark);
    }

    /// <summary>
    /// The seen window as one compact line, <c>[["uuid",stamp],…]</c>: a busy org keeps up to 50,000
    /// entries, so the indentation that keeps the fields above readable would add about 40 % to every
    /// snapshot (22 of 78 bytes an entry were whitespace).
    /// </summary>
    private static MemoryStream CompactSeen(IEnumerable<(string Uuid, long Stamp)> seen, int count)
    {
        var buffer = new MemoryStream(count * 56 + 2);
        using (var compact = new Utf8JsonWriter(buffer, Compact))
        {
            WriteEntries(compact, seen);
        }
        return buffer;
    }

    /// <summary>Bytes a writer holds before handing them to its stream (see <see cref="WriteEntries"/>).</summary>
    private const int FlushEvery = 16 * 1024;

    private static void WriteEntries(Utf8JsonWriter w, IEnumerable<(string Uuid, long Stamp)> entries)
    {
        w.WriteStartArray();
        foreach (var (uuid, stamp) in entries)
        {
            w.WriteStartArray();
            w.WriteStringValue(uuid);
            w.WriteNumberValue(stamp);
            w.WriteEndArray();
            // A writer over a stream keeps everything in a buffer of its own until flushed, growing
            // it by doubling: for a page's 1,000 entries (a save of every page) that was about
            // 250 KB of arrays thrown away per save. Flushed as it goes, its buffer stays this size.
            if (w.BytesPending > FlushEvery) w.Flush();
        }
        w.WriteEndArray();
    }
}
