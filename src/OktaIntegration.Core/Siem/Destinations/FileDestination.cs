using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace OktaIntegration.Core.Siem.Destinations;

/// <summary>
/// NDJSON files, one event a line: a new file each UTC hour (okta-yyyyMMdd-HH.ndjson) and a
/// numbered sibling when a file reaches the size limit. A batch is acknowledged only after its
/// lines are flushed to disk (fsync), so the cursor never moves past events a power cut could lose.
/// A line torn by a crash mid-write is cut off when the file is next opened (its events were not
/// acknowledged and are written again); a new destination first looks up the file the last run
/// wrote (the newest of its prefix, whatever its hour) and cuts that one, and in the same hour goes
/// on in that file's part rather than an earlier one, so a crash leaves no torn line behind and the
/// files stay in the order of the events. Repeats: none, except the last batches of a run killed
/// before their cursor was saved (at most two: the exporter writes a page's cursor while it sends
/// the next page); the uuid in each line lets readers drop those.
/// </summary>
public sealed class FileDestination : ISiemDestination
{
    private readonly object _gate = new();
    private readonly Func<DateTimeOffset> _clock;
    private FileStream? _file;
    private string? _currentHour;
    private int _part;
    private bool _resumed;

    public FileDestination(string directory, string prefix = "okta", long maxFileBytes = 256L * 1024 * 1024, Func<DateTimeOffset>? clock = null)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new ArgumentException("The folder for the NDJSON files is empty.");
        if (!System.IO.Directory.Exists(directory)) throw new DirectoryNotFoundException($"The folder '{directory}' for the NDJSON files does not exist. Create it first.");
        if (maxFileBytes < 1024) throw new ArgumentException("The size limit of an NDJSON file must be at least 1024 bytes.");
        if (prefix.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) throw new ArgumentException($"The file name prefix '{prefix}' contains characters not allowed in a file name.");
        Directory = Path.GetFullPath(directory);
        Prefix = prefix;
        MaxFileBytes = maxFileBytes;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
    }

    public string Directory { get; }

    public string Prefix { get; }

    public long MaxFileBytes { get; }

    /// <summary>The file written last, or null before the first batch.</summary>
    public string? CurrentFile => _file?.Name;

    /// <summary>How many times a new file's folder entry was flushed to disk (for tests: a power cut cannot be staged).</summary>
    internal int FolderFlushes { get; private set; }

    public string Description => $"NDJSON files in {Directory}";

    public bool Deduplicates => false;

    public Task<SiemSendResult> SendAsync(SiemBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            long size = 0;
            foreach (var record in batch.Records) size += record.Json.Length + 1;
            var file = Current(size);
            WriteLines(file, batch.Records);
            file.Flush(flushToDisk: true);
        }
        return Task.FromResult(SiemSendResult.All(batch.Count, SiemItemStatus.Acknowledged));
    }

    /// <summary>
    /// Each record as a line: one compact JSON object and a line break. Records that already lie
    /// one after the other in one array with a line break between them (the exporter normalizes a
    /// page that way, see SystemLogExporter.NormalizedRecords) go out as one write, straight from
    /// that array, rather than copied line by line through the file's buffer.
    /// </summary>
    private static void WriteLines(FileStream file, IReadOnlyList<SiemRecord> records)
    {
        var i = 0;
        while (i < records.Count)
        {
            if (!MemoryMarshal.TryGetArray(records[i].Json, out var first))
            {
                file.Write(records[i].Json.ToArray(), 0, records[i].Json.Length);
                file.WriteByte((byte)'\n');
                i++;
                continue;
            }
            var bytes = first.Array!;
            var end = first.Offset + first.Count; // just after the run's last record
            i++;
            while (i < records.Count && end < bytes.Length && bytes[end] == (byte)'\n'
                   && MemoryMarshal.TryGetArray(records[i].Json, out var next) && next.Array == bytes && next.Offset == end + 1)
            {
                end = next.Offset + next.Count;
                i++;
            }
            if (end < bytes.Length && bytes[end] == (byte)'\n')
            {
                file.Write(bytes, first.Offset, end + 1 - first.Offset);
            }
            else
            {
                file.Write(bytes, first.Offset, end - first.Offset);
                file.WriteByte((byte)'\n');
            }
        }
    }

    /// <summary>The file for this hour, rolled to the next part when the batch would take it past the limit.</summary>
    private FileStream Current(long batchBytes)
    {
        var hour = _clock().UtcDateTime.ToString("yyyyMMdd-HH", CultureInfo.InvariantCulture);
        if (_file != null && hour == _currentHour && Fits(_file.Length, batchBytes)) return _file;
        if (hour != _currentHour) _part = 0;
        if (!_resumed)
        {
            ResumeAfterLastRun(hour);
            _resumed = true; // only once it worked: a failure here fails the send, which is tried again
        }
        _file?.Dispose();
        _file = null;
        _currentHour = hour;
        while (true)
        {
            var name = _part == 0 ? $"{Prefix}-{hour}.ndjson" : $"{Prefix}-{hour}.{_part}.ndjson";
            var path = Path.Combine(Directory, name);
            var created = !File.Exists(path);
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 64 * 1024);
            // The fsync of a batch makes the file's bytes durable, not its name in the folder: after
            // a power cut a new file could be gone while the cursor, saved after the batch, moved
            // past its events. The folder is flushed once, when the file is made.
            if (created && Storage.DirectoryFlush.Flush(Directory)) FolderFlushes++;
            CutTornLine(stream);
            if (Fits(stream.Length, batchBytes))
            {
                stream.Seek(0, SeekOrigin.End);
                return _file = stream;
            }
            stream.Dispose();
            _part++;
        }
    }

    /// <summary>
    /// The file the last run wrote is the newest of this prefix (by hour, then part). A run that
    /// crashed may have left a torn line there: if the hour has passed, no later open would cut it,
    /// so it is cut now. In the same hour the writing goes on in that part, not in an earlier part
    /// that still has room (its lines would then follow events they came before).
    /// </summary>
    private void ResumeAfterLastRun(string hour)
    {
        string? lastPath = null;
        string? lastHour = null;
        var lastPart = -1;
        foreach (var path in System.IO.Directory.GetFiles(Directory, Prefix + "-*.ndjson"))
        {
            if (!TryParseName(Path.GetFileName(path), out var fileHour, out var part)) continue;
            var order = lastHour == null ? 1 : string.CompareOrdinal(fileHour, lastHour);
            if (order < 0 || (order == 0 && part <= lastPart)) continue;
            lastPath = path;
            lastHour = fileHour;
            lastPart = part;
        }
        if (lastPath == null) return;
        using (var stream = new FileStream(lastPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
        {
            CutTornLine(stream);
        }
        if (lastHour == hour) _part = lastPart;
    }

    /// <summary>Reads "{prefix}-yyyyMMdd-HH.ndjson" (part 0) or "{prefix}-yyyyMMdd-HH.{part}.ndjson"; false for any other name.</summary>
    private bool TryParseName(string name, out string hour, out int part)
    {
        hour = string.Empty;
        part = 0;
        const string extension = ".ndjson";
        const int hourLength = 11; // yyyyMMdd-HH
        if (!name.StartsWith(Prefix + "-", StringComparison.Ordinal) || !name.EndsWith(extension, StringComparison.Ordinal)) return false;
        var middle = name.Substring(Prefix.Length + 1, name.Length - Prefix.Length - 1 - extension.Length);
        if (middle.Length < hourLength || !DateTime.TryParseExact(middle.Substring(0, hourLength), "yyyyMMdd-HH", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) return false;
        hour = middle.Substring(0, hourLength);
        if (middle.Length == hourLength) return true;
        return middle[hourLength] == '.' && int.TryParse(middle.Substring(hourLength + 1), NumberStyles.None, CultureInfo.InvariantCulture, out part) && part > 0;
    }

    /// <summary>An empty file takes any batch (a batch is never split across files).</summary>
    private bool Fits(long length, long batchBytes) => length == 0 || length + batchBytes <= MaxFileBytes;

    /// <summary>Drops a last line without its line break: a write a crash cut short, never acknowledged.</summary>
    private static void CutTornLine(FileStream stream)
    {
        if (stream.Length == 0) return;
        var buffer = new byte[4096];
        var end = stream.Length;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            stream.Seek(start, SeekOrigin.Begin);
            var read = stream.Read(buffer, 0, (int)(end - start));
            for (var i = read - 1; i >= 0; i--)
            {
                if (buffer[i] != (byte)'\n') continue;
                var keep = start + i + 1;
                if (keep != stream.Length)
                {
                    stream.SetLength(keep);
                    stream.Flush(flushToDisk: true);
                }
                return;
            }
            end = start;
        }
        stream.SetLength(0);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    public override string ToString() => Description;
}
