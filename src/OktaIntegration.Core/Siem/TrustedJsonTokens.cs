using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace OktaIntegration.Core.Siem;

/// <summary>
/// The tokens of JSON that a validating <see cref="Utf8JsonReader"/> has already read from end to
/// end (an event of a System Log page, which <c>LogPageParser</c> reads or skips token by token, or
/// a finding our own writer wrote). Nothing is checked again: strings are scanned to the closing
/// quote, numbers and literals to the next delimiter, commas and colons pass as whitespace. On
/// anything else it gives wrong tokens, so it must never see bytes that are not known valid.
/// Token positions are those <see cref="Utf8JsonReader"/> gives (TokenStartIndex, BytesConsumed),
/// so slices of values are the same bytes.
/// </summary>
internal ref struct TrustedJsonTokens
{
    /// <summary>
    /// Deeper nesting is left to the validating path, whose limits (the walk's 256, 64 for a copy
    /// of one unmapped value) then fail such an event as they always did. Page events nest less
    /// than 64 deep: the page reader's own limit.
    /// </summary>
    public const int MaxDepth = 60;

    private const int ShortString = 48;

    private readonly ReadOnlySpan<byte> _json;
    private int _valueStart;
    private int _valueEnd;

    public TrustedJsonTokens(ReadOnlySpan<byte> json)
    {
        _json = json;
        Position = 0;
        TokenStart = 0;
        _valueStart = 0;
        _valueEnd = 0;
        Depth = 0;
        TokenType = JsonTokenType.None;
        ValueIsEscaped = false;
        TooDeep = false;
    }

    public JsonTokenType TokenType { get; private set; }

    /// <summary>Where the token starts (a string's opening quote).</summary>
    public int TokenStart { get; private set; }

    /// <summary>Just after the token (after a skipped value, after its closing bracket).</summary>
    public int Position { get; private set; }

    /// <summary>The objects and arrays the tokenizer is in.</summary>
    public int Depth { get; private set; }

    /// <summary>Whether the input nested deeper than <see cref="MaxDepth"/> anywhere read so far.</summary>
    public bool TooDeep { get; private set; }

    /// <summary>For a property name or string: whether it holds a backslash escape.</summary>
    public bool ValueIsEscaped { get; private set; }

    /// <summary>A property name's or string's bytes between the quotes, as written (escapes not undone).</summary>
    public readonly ReadOnlySpan<byte> ValueSpan => _json.Slice(_valueStart, _valueEnd - _valueStart);

    public bool Read()
    {
        var json = _json;
        var i = Position;
        while (i < json.Length)
        {
            var b = json[i];
            if (b == (byte)'"')
            {
                ReadString(i); // the most frequent token: every name, most values
                return true;
            }
            if (b <= (byte)' ' || b == (byte)',' || b == (byte)':')
            {
                i++; // whitespace and separators, which valid JSON puts only where they belong
                continue;
            }
            switch (b)
            {
                case (byte)'{':
                    Open(i, JsonTokenType.StartObject);
                    return true;
                case (byte)'[':
                    Open(i, JsonTokenType.StartArray);
                    return true;
                case (byte)'}':
                    Close(i, JsonTokenType.EndObject);
                    return true;
                case (byte)']':
                    Close(i, JsonTokenType.EndArray);
                    return true;
                default:
                    ReadScalar(i, b);
                    return true;
            }
        }
        Position = i;
        return false;
    }

    /// <summary>
    /// On a StartObject or StartArray: moves to its matching end, as <see cref="Utf8JsonReader.Skip"/>
    /// does; on any other token, stays.
    /// </summary>
    public void Skip()
    {
        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        var json = _json;
        var depth = Depth;
        var target = depth - 1;
        var i = Position;
        while (true)
        {
            var b = json[i];
            if (b == (byte)'"')
            {
                i = EndOfString(json, i + 1, out _);
                continue;
            }
            if (b == (byte)'{' || b == (byte)'[')
            {
                if (++depth > MaxDepth) TooDeep = true;
            }
            else if (b == (byte)'}' || b == (byte)']')
            {
                if (--depth == target)
                {
                    TokenType = b == (byte)'}' ? JsonTokenType.EndObject : JsonTokenType.EndArray;
                    TokenStart = i;
                    Position = i + 1;
                    Depth = depth;
                    return;
                }
            }
            i++;
        }
    }

    /// <summary>
    /// On a StartObject or StartArray whose end the caller found at <paramref name="close"/> (a
    /// scan of its own): moves to that closing token, as <see cref="Skip"/> would.
    /// </summary>
    public void MoveToClose(int close)
    {
        TokenType = _json[close] == (byte)'}' ? JsonTokenType.EndObject : JsonTokenType.EndArray;
        TokenStart = close;
        Position = close + 1;
        Depth--;
    }

    private void Open(int at, JsonTokenType type)
    {
        TokenType = type;
        TokenStart = at;
        Position = at + 1;
        if (++Depth > MaxDepth) TooDeep = true;
    }

    private void Close(int at, JsonTokenType type)
    {
        TokenType = type;
        TokenStart = at;
        Position = at + 1;
        Depth--;
    }

    /// <summary>A string, or a property name when a colon follows it.</summary>
    private void ReadString(int quote)
    {
        var json = _json;
        var end = EndOfString(json, quote + 1, out var escaped);
        TokenStart = quote;
        Position = end;
        _valueStart = quote + 1;
        _valueEnd = end - 1;
        ValueIsEscaped = escaped;
        var i = end;
        while (i < json.Length && json[i] <= (byte)' ') i++;
        TokenType = i < json.Length && json[i] == (byte)':' ? JsonTokenType.PropertyName : JsonTokenType.String;
    }

    /// <summary>A number, true, false or null: up to the next delimiter.</summary>
    private void ReadScalar(int start, byte first)
    {
        var json = _json;
        var i = start + 1;
        while (i < json.Length && !IsDelimiter(json[i])) i++;
        TokenStart = start;
        Position = i;
        TokenType = first switch
        {
            (byte)'t' => JsonTokenType.True,
            (byte)'f' => JsonTokenType.False,
            (byte)'n' => JsonTokenType.Null,
            _ => JsonTokenType.Number,
        };
    }

    /// <summary>Just after the quote that closes the string whose contents start at <paramref name="i"/>.</summary>
    internal static int EndOfString(ReadOnlySpan<byte> json, int i, out bool escaped)
    {
        escaped = false;
        ref var first = ref MemoryMarshal.GetReference(json);
        while (true)
        {
            // Most strings (names, ids, enums) end within a few words, where eight bytes at a time
            // beat a vector search's setup; longer ones (user agents, messages) take the vector search.
            var stop = Math.Min(json.Length, i + ShortString);
            while (i + 8 <= stop && !HasQuoteOrBackslash(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, i)))) i += 8;
            for (; i < stop; i++)
            {
                var b = json[i];
                if (b == (byte)'"') return i + 1;
                if (b == (byte)'\\') break;
            }
            if (i == stop) i += json.Slice(i).IndexOfAny((byte)'"', (byte)'\\');
            if (json[i] == (byte)'"') return i + 1;
            escaped = true;
            i += 2; // the backslash and the byte it escapes (a quote or backslash among them)
        }
    }

    /// <summary>Whether any of eight bytes is a quote or a backslash (a byte of x is zero exactly when (x - 0x01..) and not x has its high bit).</summary>
    private static bool HasQuoteOrBackslash(ulong word)
    {
        const ulong Ones = 0x0101010101010101UL;
        const ulong Highs = 0x8080808080808080UL;
        var quotes = word ^ (Ones * (byte)'"');
        var backslashes = word ^ (Ones * (byte)'\\');
        return ((((quotes - Ones) & ~quotes) | ((backslashes - Ones) & ~backslashes)) & Highs) != 0;
    }

    private static bool IsDelimiter(byte b) => b <= (byte)' ' || b is (byte)',' or (byte)'}' or (byte)']';
}
