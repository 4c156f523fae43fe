using System;
using System.Collections.Generic;
using System.IO;
using OktaIntegration.Core.Storage;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// The cursor file of an incremental run. Opening it takes an exclusive lock (a sibling
/// <c>.lock</c> file held open without sharing) for the whole run, so two overlapping scheduled
/// runs cannot both read from the same position or interleave writes; the second is refused at
/// once. A cursor written for another org or query is an error, never silently reused. Opening
/// also proves the cursor can be written (before any event is delivered, so a read-only folder
/// cannot make every run deliver the same page and then fail) and removes a temporary file a
/// killed run left behind. The lock file stays after the run: deleting it would let a run that
/// opened the old file just before the delete and a run that creates a new one both hold "the" lock.
/// </summary>
/// <remarks>
/// <para>A save costs the page, not the window. The seen window holds up to 50,000 uuids (about
/// 2.7 MB); rewriting it after every page of 1,000 events cost a busy org megabytes of synced writes
/// a second while catching up. So the file is a journal (<see cref="SystemLogCursorFile"/>): a
/// snapshot, then one line per save holding the next link and the window's changes since the save
/// before (<see cref="SeenUuidWindow"/> keeps them), appended and flushed to disk: one fsync'd write
/// of about the page's uuids. Appending needs no rename, so no folder flush either. Lines of JSON,
/// not a binary log: the file stays readable by an admin (and by the tests' own JSON tools), and a
/// line costs what the window's own entries cost in the snapshot.</para>
/// <para>A crash at any instant leaves the previous state or the new one: a save is one write at
/// the end of the file; a line cut short (no newline, or not parseable) is not part of the state,
/// and is cut off the next time the file is opened for writing, before anything is appended after
/// it. A line can only record a page whose events were delivered, since it is written only then,
/// and it carries that page's changes only (see <see cref="Capture"/>).</para>
/// <para>When the lines since the snapshot outgrow twice the snapshot (at least 64 KiB), the save
/// writes a fresh snapshot instead, through the atomic replacement the whole cursor used to take
/// every time (temporary file, flushed, renamed, folder flushed). That bounds the file at about
/// three windows and the cost of a save, averaged over the saves between snapshots, at a small
/// multiple of its own line. The first save also
/// writes a snapshot when there is no file yet, when the file is format 1 or was saved back by an
/// editor without its final newline, and after a save that failed (its line may be half there).</para>
/// <para>The store keeps the window as committed (<see cref="CursorSeenEntries"/>), applying each
/// save's changes, so a snapshot holds the window as of the page being saved, not as of the
/// pages read ahead since. Changes apply only to the state they were taken against: a capture whose
/// window did not start from this store's last capture (or, for the first, from the very list
/// <see cref="Existing"/> holds) carries the whole window instead, and a save is refused if the
/// capture before it was skipped.</para>
/// </remarks>
public sealed class SystemLogCursorStore : IDisposable
{
    /// <summary>The least the lines since a snapshot may grow to before a save writes a fresh one: a quiet org's empty pages still add a line each.</summary>
    internal const long MinimumJournalBytes = 64 * 1024;

    private readonly FileStream _lock;
    private readonly string _org;
    private readonly string _fingerprint;
    private readonly string _description;
    private bool _disposed;

    // Capture side (the thread that takes pages from the reader).
    private long _captures;
    private object _captureBase;
    private int _capturedCount;

    // Save side (one save at a time, in capture order).
    private CursorSeenEntries _committed;
    private long _savedCapture;
    private long _length;
    private long _snapshotLength;

    // The file's last-write time as this run left it: with the length, what tells a file changed
    // under the run (an edit or a restore that kept the size) from the one the saves added up to.
    private DateTime _lastWrite;
    private bool _mustSnapshot;
    private bool _diverged;

    private SystemLogCursorStore(string path, FileStream lockStream, string org, string fingerprint, string description, SystemLogCursorFile.Contents? existing)
    {
        Path = path;
        _lock = lockStream;
        _org = org;
        _fingerprint = fingerprint;
        _description = description;
        Existing = existing?.Cursor;
        _captureBase = (object?)Existing?.Seen ?? SeenUuidWindow.EmptyBase;
        _capturedCount = Existing?.Seen.Count ?? 0;
        _committed = new CursorSeenEntries(Existing?.Seen ?? Array.Empty<(string, long)>());
        _length = existing?.CommittedLength ?? 0;
        _snapshotLength = existing?.SnapshotLength ?? 0;
        _lastWrite = existing != null ? File.GetLastWriteTimeUtc(path) : default;
        _mustSnapshot = existing is not { Appendable: true };
    }

    public string Path { get; }

    /// <summary>
    /// The cursor found when the store was opened; null on the first run. Restore the run's window
    /// from its <see cref="SystemLogCursor.Seen"/> list itself, not a copy: that is how the first
    /// save knows the window's changes apply to what the file holds (otherwise it writes the whole
    /// window once).
    /// </summary>
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
            var contents = File.Exists(full) ? SystemLogCursorFile.Read(full) : null;
            var existing = contents?.Cursor;
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
            if (contents != null && contents.CommittedLength < contents.FileLength) CutShortSave(full, contents.CommittedLength);
            return new SystemLogCursorStore(full, lockStream, orgOrigin, fingerprint, query.Describe(), contents);
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

    /// <summary>
    /// Removes the save a crash cut short, so the next save's line starts on a line of its own; flushed,
    /// so what is appended later cannot end up behind the remains of the cut one.
    /// </summary>
    private static void CutShortSave(string full, long committedLength)
    {
        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
            stream.SetLength(committedLength);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw NotWritable(full, full, ex);
        }
    }

    /// <summary>Captures the cursor now and saves it (see <see cref="Capture"/> and <see cref="Save(SystemLogCursorCapture)"/>).</summary>
    public void Save(Uri? next, bool completed, SeenUuidWindow seen) => Save(Capture(next, completed, seen));

    /// <summary>
    /// The cursor as of now, to save later: the seen window's changes since the previous capture
    /// (about a page of uuids, not the window), so a caller that has already taken the next page
    /// from the reader (which adds that page's uuids to the window) still saves this page's
    /// window. Saving a window that holds the uuids of a page not yet delivered would make the
    /// next run drop them: lost events. Call it from one thread at a time, with the window's
    /// owner (the changes are taken from the window).
    /// </summary>
    public SystemLogCursorCapture Capture(Uri? next, bool completed, SeenUuidWindow seen)
    {
        var number = ++_captures;
        var expected = _captureBase;
        var previousCount = _capturedCount;
        var changes = seen.TakeChanges();
        _captureBase = changes;
        _capturedCount = changes.Count;
        var fits = ReferenceEquals(changes.Base, expected)
            && previousCount - changes.Forgotten.Count - changes.Dropped + changes.Added.Count == changes.Count;
        return fits
            ? new SystemLogCursorCapture(number, next?.AbsoluteUri, completed, changes.HighWaterMark, changes, null)
            : new SystemLogCursorCapture(number, next?.AbsoluteUri, completed, changes.HighWaterMark, null, new List<(string, long)>(seen.Entries));
    }

    /// <summary>
    /// Commits a captured cursor, stamped with the time of writing: one line appended and flushed
    /// to disk, or now and then a fresh snapshot (see the class remarks). Captures are saved in the
    /// order they were taken; the last ones of a run that stops may be left unsaved.
    /// </summary>
    public void Save(SystemLogCursorCapture cursor)
    {
        if (cursor.Number <= _savedCapture) throw new InvalidOperationException("This cursor, or one captured after it, was saved already; captures are saved once each, in the order they were taken.");
        if (cursor.Changes != null && cursor.Number != _savedCapture + 1)
            throw new InvalidOperationException("A cursor captured before this one was never saved; this one only holds the changes since that one, so it cannot be saved without it.");
        if (_diverged) throw new InvalidOperationException("An earlier save found its changes did not fit the cursor as committed; nothing more is saved in this run.");
        var updated = DateTimeOffset.UtcNow;
        _savedCapture = cursor.Number;
        if (cursor.Changes is { } changes)
        {
            try
            {
                _committed.Apply(changes.Dropped, changes.Forgotten, changes.Added, changes.Count);
            }
            catch (FormatException ex)
            {
                // Cannot happen while captures are checked against their base (see Capture); if it
                // did, the committed window is no longer known, and no later save may build on it.
                _diverged = true;
                throw new InvalidOperationException($"The cursor's changes did not fit the window as committed ({ex.Message}); the file keeps the last page saved.", ex);
            }
        }
        else
        {
            _committed = new CursorSeenEntries(cursor.Whole!);
            _mustSnapshot = true;
        }
        try
        {
            var line = _mustSnapshot ? null : SystemLogCursorFile.Record(cursor.Next, cursor.Completed, updated, cursor.Changes!);
            var outgrown = line != null && _length - _snapshotLength + line.Length > Math.Max(2 * _snapshotLength, MinimumJournalBytes);
            if (line == null || outgrown || !TryAppend(line)) WriteSnapshot(cursor, updated);
        }
        catch
        {
            // The line may be half written: the next save writes the whole state afresh.
            _mustSnapshot = true;
            throw;
        }
    }

    /// <summary>Appends a save's line and flushes it to disk; false, writing nothing, when the file's length or last-write time is not what this run left (something else wrote to it, or put another file in its place), which a snapshot then replaces.</summary>
    private bool TryAppend(byte[] line)
    {
        // A file deleted under the run is not this run's: it gets a snapshot. Not created here: an
        // empty file left by a snapshot that then fails would stop the next run as unreadable.
        FileStream stream;
        try
        {
            stream = new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        using (stream)
        {
            if (stream.Length != _length || File.GetLastWriteTimeUtc(Path) != _lastWrite) return false;
            stream.Position = _length;
            stream.Write(line, 0, line.Length);
            stream.Flush(flushToDisk: true);
        }
        _length += line.Length;
        _lastWrite = File.GetLastWriteTimeUtc(Path); // once closed: Windows may set it only then
        return true;
    }

    private void WriteSnapshot(SystemLogCursorCapture cursor, DateTimeOffset updated)
    {
        var header = new SystemLogCursor
        {
            Org = _org,
            QueryFingerprint = _fingerprint,
            Query = _description,
            Next = cursor.Next,
            Completed = cursor.Completed,
            Updated = updated,
            HighWaterMark = cursor.HighWaterMark,
        };
        long written = 0;
        LockedFile.ReplaceAtomically(Path, stream =>
        {
            SystemLogCursorFile.WriteSnapshot(stream, header, _committed.Entries, _committed.Count);
            written = stream.Position;
        });
        _length = _snapshotLength = written;
        _lastWrite = File.GetLastWriteTimeUtc(Path);
        _mustSnapshot = false;
    }

    /// <summary>The state a cursor file holds: its snapshot with every complete save applied.</summary>
    public static SystemLogCursor Read(string path) => SystemLogCursorFile.Read(path).Cursor;

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
