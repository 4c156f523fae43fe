using System;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace OktaIntegration.Core.Siem;

/// <summary>
/// How an Okta property name is written under the unmapped namespace: snake_case for ECS's okta.*
/// fields, as Okta spells it for the other schemas, and JSON-escaped as Utf8JsonWriter escapes a
/// <see cref="JsonEncodedText"/>. Names of plain ASCII letters, digits, '_', '.' and '-' (all of
/// Okta's) are converted byte by byte: no lookup, no string. Others take the encoder, cached.
/// </summary>
internal sealed class UnmappedNames
{
    private const int MaxCachedNames = 4096;
    private static readonly ConcurrentDictionary<string, JsonEncodedText> SnakeNames = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, JsonEncodedText> PlainNames = new(StringComparer.Ordinal);

    public UnmappedNames(bool snakeCase)
    {
        IsSnakeCase = snakeCase;
    }

    public bool IsSnakeCase { get; }

    /// <summary>The written form of a name, escaped.</summary>
    public JsonEncodedText Encode(string okta)
    {
        var cache = IsSnakeCase ? SnakeNames : PlainNames;
        if (cache.TryGetValue(okta, out var encoded)) return encoded;
        encoded = JsonEncodedText.Encode(IsSnakeCase ? SnakeCase(okta) : okta);
        if (cache.Count < MaxCachedNames) cache[okta] = encoded;
        return encoded;
    }

    /// <summary>
    /// Appends <c>"name":</c> for a name as it appears in the event (<paramref name="raw"/>, not
    /// escaped) when it is plain (<see cref="IsPlain"/>); false, with nothing appended, when not.
    /// </summary>
    public bool TryAppendProperty(ReadOnlySpan<byte> raw, Utf8Buffer to)
    {
        // One pass, straight into the buffer: at most one '_' per character, two quotes and a colon.
        var span = to.GetSpan(raw.Length * 2 + 3);
        var n = 0;
        span[n++] = (byte)'"';
        var kinds = NameByteKinds;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            var kind = kinds[c];
            if (kind == Plain)
            {
                span[n++] = c;
                continue;
            }
            if (kind != Upper) return false;
            if (IsSnakeCase)
            {
                // SnakeCase(string), in bytes: a '_' after a lower-case letter or digit, or before the last capital of an acronym.
                var prevLowerOrDigit = i > 0 && (IsLower(raw[i - 1]) || IsDigit(raw[i - 1]));
                var acronymEnd = i > 0 && IsUpper(raw[i - 1]) && i + 1 < raw.Length && IsLower(raw[i + 1]);
                if (prevLowerOrDigit || acronymEnd) span[n++] = (byte)'_';
                c = (byte)(c | 0x20);
            }
            span[n++] = c;
        }
        span[n++] = (byte)'"';
        span[n++] = (byte)':';
        to.Advance(n);
        return true;
    }

    /// <summary>
    /// Whether <see cref="TryAppendProperty"/> writes the name as it is in the event: plain and
    /// without capitals (which snake_case would change). Such a name needs no copy of its own.
    /// </summary>
    public bool IsWrittenAsIs(ReadOnlySpan<byte> raw)
    {
        var kinds = NameByteKinds;
        var allowed = IsSnakeCase ? Plain : (byte)(Plain | Upper);
        foreach (var b in raw)
        {
            if ((kinds[b] & allowed) == 0) return false;
        }
        return true;
    }

    /// <summary>Appends <c>"name":</c> for an encoded name.</summary>
    public static void AppendProperty(JsonEncodedText name, Utf8Buffer to)
    {
        to.Append((byte)'"');
        to.Append(name.EncodedUtf8Bytes);
        to.Append("\":"u8);
    }

    /// <summary>
    /// Whether <see cref="TryAppendProperty"/> writes what the encoder
    /// would: only characters JSON never escapes, and ASCII, where snake_case needs no culture.
    /// </summary>
    public static bool IsPlain(ReadOnlySpan<byte> raw)
    {
        foreach (var b in raw)
        {
            if (!(IsLower(b) || IsUpper(b) || IsDigit(b) || b == (byte)'_' || b == (byte)'.' || b == (byte)'-')) return false;
        }
        return true;
    }

    /// <summary>debugContext to debug_context, requestURI to request_uri; names already snake_case are unchanged.</summary>
    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var prevLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var acronymEnd = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (prevLowerOrDigit || acronymEnd) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private const byte Other = 0;
    private const byte Plain = 1;
    private const byte Upper = 2;

    /// <summary>By byte: <see cref="Plain"/> for a-z, 0-9, '_', '.', '-'; <see cref="Upper"/> for A-Z; else <see cref="Other"/> (the encoder's).</summary>
    private static ReadOnlySpan<byte> NameByteKinds => new byte[]
    {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
        0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 1,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    };

    private static bool IsUpper(byte b) => b >= (byte)'A' && b <= (byte)'Z';

    private static bool IsLower(byte b) => b >= (byte)'a' && b <= (byte)'z';

    private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';
}
