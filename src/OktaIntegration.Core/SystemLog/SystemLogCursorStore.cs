using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using OktaIntegration.Core.Json;
using OktaIntegration.Core.Storage;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// The cursor file of an incremental run. Opening it takes an exclusive lock (a sibling
/// <c>.lock</c> file held open without sharing) for the whole run, so two overlapping scheduled
/// runs cannot both read from the same position or interleave writes; the second is refused at
/// once. Each save writes a temporary file, flushes it to disk and renames it over the cursor,
/// so a crash leaves the previous cursor or the new one, never half of one. A cursor written for
/// another org or query is an error, never silently reused. Opening also proves the cursor can be
/// written (before any event is delivered, so a read-only folder cannot make every run deliver
/// the same page and then fail) and removes a temporary file a killed run left behind.
/// The lock file stays after the run: deleting it would let a run that opened the old file
/// just before the delete and a run that creates a new one both hold "the" lock.
/// </summary>
public sealed class SystemLogCursorStore : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _org;
    private readonly string _fingerprint;
    private readonly string _description;
    private bool _disposed;

    private SystemLogCursorStore(string path, FileStream lockStream, string org, string fingerprint, string description, SystemLogCursor? existing)
    {
        Path = path;
        _lock = lockStream;
        _org = org;
        _fingerprint = fingerprint;
        _description = description;
        Existing = existing;
    }

    public string Path { get; }

    /// <summary>The cursor found when the store was opened; null on the first run.</summary>
    public SystemLogCursor? Existing { get; }

    public static SystemLogCursorStore Open(string path, string orgOrigin, SystemLogQuery query)
    {
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
            throw new DirectoryNotFoundException($"The folder of the cursor file '{full}' does not exist. Create it first, or give a -CursorPath in an existing folder.");
        if (Directory.Exists(full))
            throw new SystemLogCursorException(CursorProblem.NotWritable, full,
                $"The cursor path '{full}' is a folder; give -CursorPath a file name in it, such as '{System.IO.Path.Combine(full, "okta-log.cursor.json")}'.");
        FileStream? lockStream;
        IOException? busy;
        try
        {
            lockStream = LockedFile.TryLock(full, out busy);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw NotWritable(full, full + ".lock", ex);
        }
        if (lockStream == null)
        {
            throw new SystemLogCursorException(CursorProblem.InUse, full,
                $"The cursor file '{full}' is in use by another run (its lock '{full}.lock' is held). Wait for that run to finish; overlapping runs on one cursor would read the same events twice.", busy);
        }
        try
        {
            var fingerprint = query.Fingerprint(orgOrigin);
            var existing = File.Exists(full) ? Read(full) : null;
            EnsureWritable(full);
            if (existing != null)
            {
                if (!string.Equals(existing.Org, orgOrigin, StringComparison.OrdinalIgnoreCase))
                    throw new SystemLogCursorException(CursorProblem.Mismatch, full,
                        $"The cursor file '{full}' belongs to org {existing.Org}, not {orgOrigin}. Use a separate -CursorPath for each org.");
                if (!string.Equals(existing.QueryFingerprint, fingerprint, StringComparison.Ordinal))
                    throw new SystemLogCursorException(CursorProblem.Mismatch, full,
                        $"The cursor file '{full}' was written for another query ({existing.Query}); this run asks for ({query.Describe()}). Use a separate -CursorPath for each query, or delete the file to start this query afresh.");
            }
            return new SystemLogCursorStore(full, lockStream, orgOrigin, fingerprint, query.Describe(), existing);
        }
        catch
        {
            lockStream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates the temporary file every save goes through (replacing one a killed run left) and
    /// removes it again, and opens an existing cursor for writing, so that a folder or file that
    /// cannot be written fails the run before its first event rather than after every page.
    /// </summary>
    private static void EnsureWritable(string full)
    {
        var temp = full + ".tmp";
        try
        {
            using (new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
            }
            File.Delete(temp);
            if (File.Exists(full))
            {
                using (new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.Read, 1, FileOptions.None))
                {
                }
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw NotWritable(full, temp, ex);
        }
    }

    private static SystemLogCursorException NotWritable(string full, string failing, Exception ex) =>
        new(CursorProblem.NotWritable, full,
            $"The cursor file '{full}' cannot be written ('{failing}': {ex.Message}). Nothing was read: give the run write access to the folder and the file, or a -CursorPath in a writable folder.", ex);

    /// <summary>Writes the cursor atomically: temporary file, flushed to disk, renamed over the old one.</summary>
    public void Save(Uri? next, bool completed, SeenUuidWindow seen) => Save(Capture(next, completed, seen));

    /// <summary>
    /// The cursor as of now, to save later: a copy of the seen window, so a caller that has
    /// already taken the next page from the reader (which adds that page's uuids to the window)
    /// still saves this page's window. Saving a window that holds the uuids of a page not yet
    /// delivered would make the next run drop them: lost events.
    /// </summary>
    public SystemLogCursor Capture(Uri? next, bool completed, SeenUuidWindow seen) => new()
    {
        Org = _org,
        QueryFingerprint = _fingerprint,
        Query = _description,
        Next = next?.AbsoluteUri,
        Completed = completed,
        HighWaterMark = seen.HighWaterMark,
        Seen = new List<(string, long)>(seen.Entries),
    };

    /// <summary>Writes a captured cursor atomically (see the class remarks), stamped with the time of writing.</summary>
    public void Save(SystemLogCursor cursor)
    {
        cursor.Updated = DateTimeOffset.UtcNow;
        LockedFile.ReplaceAtomically(Path, stream =>
        {
            // Relaxed escaping: the next link reads as the URL it is ("&after=…", not "\u0026after=…");
            // the file is read as JSON, never embedded in HTML, which is what the default guards against.
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            Write(writer, cursor);
        });
    }

    public static SystemLogCursor Read(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(Utf8Bom.Skip(File.ReadAllBytes(path)));
            var root = doc.RootElement;
            var format = root.GetProperty("format").GetInt32();
            if (format != SystemLogCursor.CurrentFormat) throw new FormatException($"format {format} is not supported");
            var next = root.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (next != null && !Uri.TryCreate(next, UriKind.Absolute, out _)) throw new FormatException("its next link is not an absolute URL");
            var seen = new List<(string, long)>();
            if (root.TryGetProperty("seen", out var entries))
            {
                foreach (var entry in entries.EnumerateArray()) seen.Add((entry[0].GetString()!, entry[1].GetInt64()));
            }
            return new SystemLogCursor
            {
                Format = format,
                Org = root.GetProperty("org").GetString()!,
                QueryFingerprint = root.GetProperty("queryFingerprint").GetString()!,
                Query = root.TryGetProperty("query", out var q) ? q.GetString() ?? string.Empty : string.Empty,
                Next = next,
                Completed = root.TryGetProperty("completed", out var c) && c.ValueKind == JsonValueKind.True,
                Updated = root.TryGetProperty("updated", out var u) && u.TryGetDateTimeOffset(out var updated) ? updated : default,
                HighWaterMark = root.TryGetProperty("highWaterMark", out var h) && h.TryGetInt64(out var hw) ? hw : long.MinValue,
                Seen = seen,
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            throw new SystemLogCursorException(CursorProblem.Unreadable, path,
                $"The cursor file '{path}' is not a System Log cursor this module can read ({ex.Message}). Restore it from backup, or delete it to start again from -Since.", ex);
        }
    }

    private static void Write(Utf8JsonWriter w, SystemLogCursor cursor)
    {
        w.WriteStartObject();
        w.WriteNumber("format", cursor.Format);
        w.WriteString("org", cursor.Org);
        w.WriteString("queryFingerprint", cursor.QueryFingerprint);
        w.WriteString("query", cursor.Query);
        if (cursor.Next != null) w.WriteString("next", cursor.Next);
        else w.WriteNull("next");
        w.WriteBoolean("completed", cursor.Completed);
        w.WriteString("updated", cursor.Updated);
        w.WriteNumber("highWaterMark", cursor.HighWaterMark);
        w.WritePropertyName("seen");
        using (var seen = CompactSeen(cursor.Seen))
        {
            w.WriteRawValue(new ReadOnlySpan<byte>(seen.GetBuffer(), 0, (int)seen.Length), skipInputValidation: true);
        }
        w.WriteEndObject();
    }

    /// <summary>
    /// The seen window as one compact line, <c>[["uuid",stamp],…]</c>: a busy org keeps up to 50,000
    /// entries and the cursor is saved after every page, so the indentation that keeps the fields
    /// above readable would add about 40 % to every save (22 of 78 bytes an entry were whitespace).
    /// </summary>
    private static MemoryStream CompactSeen(IReadOnlyList<(string Uuid, long Stamp)> seen)
    {
        var buffer = new MemoryStream(seen.Count * 56 + 2);
        using (var compact = new Utf8JsonWriter(buffer))
        {
            compact.WriteStartArray();
            foreach (var (uuid, stamp) in seen)
            {
                compact.WriteStartArray();
                compact.WriteStringValue(uuid);
                compact.WriteNumberValue(stamp);
                compact.WriteEndArray();
            }
            compact.WriteEndArray();
        }
        return buffer;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            // The lock file stays (see the class remarks); it no longer names a holder.
            _lock.SetLength(0);
        }
        catch (IOException)
        {
            // Only the owner note; the lock itself ends with the handle.
        }
        _lock.Dispose();
    }
}
