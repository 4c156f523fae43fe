using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Siem;

/// <summary>
/// Values by the UTF-8 bytes of a JSON name or value, for one thread: a lookup hashes the bytes
/// and compares them, so nothing is allocated for a key seen before. Bounded; a key that does
/// not fit (or whose hash collides with another) is simply not cached.
/// </summary>
internal sealed class Utf8KeyedCache<T>
{
    private readonly int _capacity;
    private readonly Dictionary<ulong, (byte[] Key, T Value)> _entries = new();

    public Utf8KeyedCache(int capacity)
    {
        _capacity = capacity;
    }

    public bool TryGet(ReadOnlySpan<byte> key, out T value)
    {
        if (_entries.TryGetValue(Hash(key), out var entry) && key.SequenceEqual(entry.Key))
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    public void Add(ReadOnlySpan<byte> key, T value)
    {
        var hash = Hash(key);
        if (_entries.Count < _capacity && !_entries.ContainsKey(hash)) _entries[hash] = (key.ToArray(), value);
    }

    /// <summary>FNV-1a, 64 bits: keys are short, and a collision only costs a miss.</summary>
    private static ulong Hash(ReadOnlySpan<byte> key)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in key)
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
