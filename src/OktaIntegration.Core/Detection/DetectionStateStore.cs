using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using OktaIntegration.Core.Storage;

namespace OktaIntegration.Core.Detection;

/// <summary>
/// The -StatePath file: locked for the whole run (an overlapping run is refused at once), written
/// atomically (temporary file, flushed, renamed) by the same <see cref="LockedFile"/> discipline as
/// the System Log cursor. A file that cannot be read is a <see cref="DetectionStateProblem.Damaged"/>
/// error and is left untouched, so nothing learnt is overwritten; a file of another org is a
/// <see cref="DetectionStateProblem.Mismatch"/> error.
/// </summary>
public sealed class DetectionStateStore : IDisposable
{
    public const int CurrentFormat = 1;

    private readonly FileStream _lock;

    private DetectionStateStore(string path, FileStream lockStream, DetectionState state)
    {
        Path = path;
        _lock = lockStream;
        State = state;
    }

    public string Path { get; }

    /// <summary>The state read from the file (or a new one); rules change it, <see cref="Save"/> writes it.</summary>
    public DetectionState State { get; }

    /// <summary>Locks and reads the file. <paramref name="org"/> null (events piped in without a connection) skips the org check.</summary>
    public static DetectionStateStore Open(string path, string? org, DetectionSettings settings)
    {
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
            throw new DirectoryNotFoundException($"The folder of the state file '{full}' does not exist. Create it first, or give a -StatePath in an existing folder.");
        var lockStream = LockedFile.TryLock(full, out var busy)
            ?? throw new DetectionStateException(DetectionStateProblem.InUse, full,
                $"The state file '{full}' is in use by another run (its lock '{full}.lock' is held). Wait for that run to finish; overlapping runs would count events twice.", busy);
        try
        {
            var state = new DetectionState(settings, org);
            if (File.Exists(full))
            {
                Read(full, state);
                if (org != null && state.Org != null && !string.Equals(state.Org, org, StringComparison.OrdinalIgnoreCase))
                    throw new DetectionStateException(DetectionStateProblem.Mismatch, full,
                        $"The state file '{full}' belongs to org {state.Org}, not {org}. Baselines of one org say nothing about another: use a separate -StatePath for each org.");
                state.Org ??= org;
            }
            return new DetectionStateStore(full, lockStream, state);
        }
        catch
        {
            lockStream.Dispose();
            throw;
        }
    }

    public void Save()
    {
        State.Compact();
        LockedFile.ReplaceAtomically(Path, stream =>
        {
            using var w = new Utf8JsonWriter(stream);
            Write(w, State);
        });
    }

    /// <summary>The state as the file holds it (also how the benchmark measures its size).</summary>
    public static byte[] Serialize(DetectionState state)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) Write(w, state);
        return buffer.ToArray();
    }

    internal static void Write(Utf8JsonWriter w, DetectionState s)
    {
        w.WriteStartObject();
        w.WriteNumber("format", CurrentFormat);
        if (s.Org != null) w.WriteString("org", s.Org);
        else w.WriteNull("org");
        w.WriteString("updated", DateTimeOffset.UtcNow);
        w.WriteNumber("watermarkMs", s.WatermarkMs);
        w.WriteStartArray("users");
        foreach (var p in s.Profiles)
        {
            w.WriteStartObject();
            w.WriteString("key", p.Key);
            if (p.UserId != null) w.WriteString("id", p.UserId);
            if (p.Login != null) w.WriteString("login", p.Login);
            w.WriteNumber("first", p.FirstSignInMs);
            w.WriteNumber("last", p.LastSeenMs);
            w.WriteNumber("count", p.SignInCount);
            w.WriteStartObject("baseline");
            foreach (var dim in p.Dimensions)
            {
                w.WriteStartArray(dim.Key);
                foreach (var v in dim.Value)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(v.Key);
                    w.WriteNumberValue(v.Value.FirstMs);
                    w.WriteNumberValue(v.Value.LastMs);
                    w.WriteNumberValue(v.Value.Count);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteStartArray("signIns");
            foreach (var x in p.SignIns)
            {
                w.WriteStartArray();
                w.WriteNumberValue(x.TimeMs);
                w.WriteStringValue(x.Uuid);
                Str(w, x.Ip);
                Str(w, x.Country);
                Str(w, x.City);
                Num(w, x.Latitude);
                Num(w, x.Longitude);
                if (x.Asn.HasValue) w.WriteNumberValue(x.Asn.Value);
                else w.WriteNullValue();
                w.WriteBooleanValue(x.Proxy);
                Str(w, x.UserAgent);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("windows");
        foreach (var kv in s.Windows)
        {
            w.WriteStartObject();
            w.WriteString("key", kv.Key);
            w.WriteNumber("horizonMs", kv.Value.HorizonMs);
            w.WriteStartArray("entries");
            foreach (var e in kv.Value.Entries)
            {
                w.WriteStartArray();
                w.WriteNumberValue(e.TimeMs);
                w.WriteStringValue(e.Uuid);
                Str(w, e.A);
                Str(w, e.B);
                Str(w, e.C);
                w.WriteNumberValue(e.N);
                w.WriteNumberValue(e.X);
                w.WriteNumberValue(e.Y);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("emitted");
        foreach (var kv in s.Emitted)
        {
            w.WriteStartArray();
            w.WriteStringValue(kv.Key);
            w.WriteNumberValue(kv.Value);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static void Read(string path, DetectionState state)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            var format = root.GetProperty("format").GetInt32();
            if (format != CurrentFormat) throw new FormatException($"format {format} is not supported");
            state.Org = root.TryGetProperty("org", out var org) && org.ValueKind == JsonValueKind.String ? org.GetString() : null;
            state.WatermarkMs = Time(root.GetProperty("watermarkMs"), allowUnset: true);
            foreach (var u in root.GetProperty("users").EnumerateArray())
            {
                var p = new UserProfile(u.GetProperty("key").GetString()!)
                {
                    UserId = OptString(u, "id"),
                    Login = OptString(u, "login"),
                    FirstSignInMs = Time(u.GetProperty("first"), allowUnset: true),
                    LastSeenMs = Time(u.GetProperty("last"), allowUnset: true),
                    SignInCount = u.GetProperty("count").GetInt32(),
                };
                foreach (var dim in u.GetProperty("baseline").EnumerateObject())
                {
                    var values = new Dictionary<string, BaselineValue>(StringComparer.OrdinalIgnoreCase);
                    foreach (var v in dim.Value.EnumerateArray())
                        values[v[0].GetString()!] = new BaselineValue(Time(v[1]), Time(v[2]), v[3].GetInt32());
                    p.Dimensions[dim.Name] = values;
                }
                foreach (var x in u.GetProperty("signIns").EnumerateArray())
                {
                    p.SignIns.Add(new SignIn(Time(x[0]), x[1].GetString()!, Text(x[2]), Text(x[3]), Text(x[4]),
                        x[5].ValueKind == JsonValueKind.Number ? x[5].GetDouble() : null, x[6].ValueKind == JsonValueKind.Number ? x[6].GetDouble() : null,
                        x[7].ValueKind == JsonValueKind.Number ? x[7].GetInt64() : null, x[8].GetBoolean(), Text(x[9])));
                }
                state.AddProfile(p);
            }
            foreach (var win in root.GetProperty("windows").EnumerateArray())
            {
                var window = new EventWindow(win.GetProperty("horizonMs").GetInt64());
                long previous = long.MinValue;
                foreach (var e in win.GetProperty("entries").EnumerateArray())
                {
                    var entry = new WindowEntry(Time(e[0]), e[1].GetString()!, Text(e[2]), Text(e[3]), Text(e[4]), e[5].GetInt64(), e[6].GetDouble(), e[7].GetDouble());
                    if (entry.TimeMs < previous) throw new FormatException("a window's entries are out of order");
                    previous = entry.TimeMs;
                    window.Load(entry);
                }
                state.AddWindow(win.GetProperty("key").GetString()!, window);
            }
            foreach (var f in root.GetProperty("emitted").EnumerateArray()) state.AddFingerprint(f[0].GetString()!, Time(f[1]));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException or NullReferenceException)
        {
            throw new DetectionStateException(DetectionStateProblem.Damaged, path,
                $"The state file '{path}' is damaged or is not a Find-OktaThreat state file ({ex.Message}). It was left untouched: restore it from backup, or move it away to start new baselines.", ex);
        }
    }

    private static readonly long MinTimeMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxTimeMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>
    /// A time in Unix milliseconds that a date can hold. A value beyond is damage (a flipped digit),
    /// refused here rather than failing a rule mid-run or keeping a window or fingerprint forever;
    /// <paramref name="allowUnset"/> admits the "nothing seen yet" markers the state itself writes.
    /// </summary>
    private static long Time(JsonElement e, bool allowUnset = false)
    {
        var ms = e.GetInt64();
        if (allowUnset && (ms == long.MinValue || ms == long.MaxValue)) return ms;
        if (ms < MinTimeMs || ms > MaxTimeMs) throw new FormatException($"the time {ms} is out of range");
        return ms;
    }

    private static string? OptString(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString() : e.ValueKind == JsonValueKind.Null ? null : throw new FormatException("a text field holds " + e.ValueKind);

    private static void Str(Utf8JsonWriter w, string? s)
    {
        if (s == null) w.WriteNullValue();
        else w.WriteStringValue(s);
    }

    private static void Num(Utf8JsonWriter w, double? d)
    {
        if (d.HasValue) w.WriteNumberValue(d.Value);
        else w.WriteNullValue();
    }

    public void Dispose() => _lock.Dispose();
}
