using System;
using System.Text.Json;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// Reuses the string for values that repeat across events (event types, severities, browsers,
/// countries, outcomes, actors …) or within one (Okta repeats the request id as transaction.id and
/// debugData.requestId, and the session id as externalSessionId and rootSessionId), so a page of a thousand events does not allocate the same
/// text thousands of times. A small direct-mapped table whose slots keep their key bytes in a
/// reused buffer: a miss costs one string, as without the cache. One per page parse, so it
/// needs no locking.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int Slots = 512;
    private const int MaxLength = 128;
    private readonly byte[][] _keys = new byte[Slots][];
    private readonly int[] _lengths = new int[Slots];
    private readonly string?[] _values = new string[Slots];

    /// <summary>The current string token's value, from the cache when the same bytes were seen before.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength) return reader.GetString()!;
        var span = reader.ValueSpan;
        uint hash = 2166136261;
        foreach (var b in span) hash = (hash ^ b) * 16777619;
        var slot = (int)(hash & (Slots - 1));
        var key = _keys[slot];
        if (key != null && _lengths[slot] == span.Length && span.SequenceEqual(key.AsSpan(0, span.Length))) return _values[slot]!;
        var value = reader.GetString()!;
        key ??= _keys[slot] = new byte[MaxLength];
        span.CopyTo(key);
        _lengths[slot] = span.Length;
        _values[slot] = value;
        return value;
    }
}
