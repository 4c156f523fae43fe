using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace OktaIntegration.Core.Posture;

/// <summary>
/// The -CachePath file: each user's factors as last read, keyed by user id with the user's
/// lastUpdated at that time. A rerun reuses an entry while the user's lastUpdated is unchanged,
/// so only changed users cost a factor call. The file belongs to one org; another org's file is
/// ignored. Written whole to a temporary file and moved into place, so a crash never leaves half a cache.
/// </summary>
public sealed class FactorCache
{
    private const int Version = 1;
    private readonly Dictionary<string, Entry> _entries;

    private FactorCache(string path, string org, Dictionary<string, Entry> entries)
    {
        Path = path;
        Org = org;
        _entries = entries;
    }

    public string Path { get; }

    public string Org { get; }

    public int Count => _entries.Count;

    /// <summary>Opens the cache (an empty one when the file does not exist, is unreadable, or belongs to another org).</summary>
    public static FactorCache Open(string path, string org)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            try
            {
                var file = JsonSerializer.Deserialize<CacheFile>(File.ReadAllText(path));
                if (file != null && file.Version == Version && string.Equals(file.Org, org, StringComparison.OrdinalIgnoreCase) && file.Users != null)
                {
                    foreach (var pair in file.Users) entries[pair.Key] = pair.Value;
                }
            }
            catch (JsonException)
            {
                // A damaged cache only costs a full read; it is rewritten at the end.
            }
        }
        return new FactorCache(path, org, entries);
    }

    /// <summary>The cached factors when the user has not changed since they were read.</summary>
    public IReadOnlyList<OktaUserFactor>? TryGet(string userId, string? login, DateTimeOffset? lastUpdated)
    {
        lock (_entries)
        {
            if (lastUpdated == null || !_entries.TryGetValue(userId, out var entry) || entry.LastUpdated != lastUpdated.Value.ToUnixTimeMilliseconds()) return null;
            return entry.Factors.Select(f => new OktaUserFactor(userId, login, f.Id, f.FactorType, f.Provider, f.VendorName, f.Status, f.Created, f.LastUpdated)).ToList();
        }
    }

    public void Put(string userId, DateTimeOffset? lastUpdated, IReadOnlyList<OktaUserFactor> factors)
    {
        if (lastUpdated == null) return;
        var entry = new Entry
        {
            LastUpdated = lastUpdated.Value.ToUnixTimeMilliseconds(),
            Factors = factors.Select(f => new CachedFactor
            {
                Id = f.Id, FactorType = f.FactorType, Provider = f.Provider, VendorName = f.VendorName, Status = f.Status, Created = f.Created, LastUpdated = f.LastUpdated,
            }).ToList(),
        };
        lock (_entries) _entries[userId] = entry;
    }

    public void Save()
    {
        string json;
        lock (_entries) json = JsonSerializer.Serialize(new CacheFile { Version = Version, Org = Org, Users = new Dictionary<string, Entry>(_entries) });
        var full = System.IO.Path.GetFullPath(Path);
        var directory = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, json);
        if (File.Exists(full)) File.Replace(temporary, full, null);
        else File.Move(temporary, full);
    }

    public sealed class CacheFile
    {
        public int Version { get; set; }

        public string? Org { get; set; }

        public Dictionary<string, Entry>? Users { get; set; }
    }

    public sealed class Entry
    {
        /// <summary>The user's lastUpdated (epoch milliseconds) when the factors were read.</summary>
        public long LastUpdated { get; set; }

        public List<CachedFactor> Factors { get; set; } = new();
    }

    public sealed class CachedFactor
    {
        public string Id { get; set; } = string.Empty;

        public string FactorType { get; set; } = string.Empty;

        public string? Provider { get; set; }

        public string? VendorName { get; set; }

        public string Status { get; set; } = string.Empty;

        public DateTimeOffset? Created { get; set; }

        public DateTimeOffset? LastUpdated { get; set; }
    }
}
