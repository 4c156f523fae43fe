using System;
using System.Text;
using System.Text.Json;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// Reuses the string for values that repeat across events (event types, severities, browsers,
/// countries, outcomes …), so a page of a thousand events does not allocate the same text
/// thousands of times. A small direct-mapped table: a miss just replaces the slot. One per page
/// parse, so it needs no locking.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int Slots = 256;
    private readonly byte[]?[] _keys = new byte[Slots][];
    private readonly string?[] _values = new string[Slots];

    /// <summary>The current string token's value, from the cache when the same bytes were seen before.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > 96) return reader.GetString()!;
        var span = reader.ValueSpan;
        uint hash = 2166136261;
        foreach (var b in span) hash = (hash ^ b) * 16777619;
        var slot = (int)(hash % Slots);
        var key = _keys[slot];
        if (key != null && span.SequenceEqual(key)) return _values[slot]!;
        var value = Encoding.UTF8.GetString(span.ToArray());
        _keys[slot] = span.ToArray();
        _values[slot] = value;
        return value;
    }
}
