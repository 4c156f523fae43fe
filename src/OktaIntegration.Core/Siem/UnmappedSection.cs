using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace OktaIntegration.Core.Siem;

/// <summary>
/// The unmapped namespace of one event, written while the event is read: the members of the
/// namespace's object (without its braces), nested as in Okta's event. Fields are met in document
/// order, so all fields below one Okta object are consecutive: an object is opened at its first
/// unmapped field and closed at the first field outside it (an Okta object repeated under the same
/// name, one after the other, shares one output object). One per thread, reused.
/// </summary>
internal sealed class UnmappedSection
{
    /// <summary>
    /// The nesting a copy of one value could have before this copy was made in the same pass as
    /// the walk: a second reader, with the default limit, re-read it. Deeper values are replayed through
    /// such a reader, so they fail as they did.
    /// </summary>
    private const int CopyReaderMaxDepth = 64;

    private const int MaxCachedNames = 4096;

    private readonly List<SourceNode> _open = new(8);
    private readonly Utf8KeyedCache<JsonEncodedText> _encodedNames = new(MaxCachedNames);
    private bool _needComma;

    public Utf8Buffer Bytes { get; } = new(4096);

    public void Clear()
    {
        Bytes.Clear();
        _open.Clear();
        _needComma = false;
    }

    /// <summary>Opens the objects down to <paramref name="path"/>, closes those off it, and returns the buffer ready for the member's name.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Utf8Buffer BeginMember(List<SourceNode> path)
    {
        // Mostly the object of the member before: source nodes form a tree, so the same depth
        // and innermost node is the same path.
        var count = path.Count;
        if (count == _open.Count && (count == 0 || ReferenceEquals(path[count - 1], _open[count - 1])))
        {
            if (_needComma) Bytes.Append((byte)',');
            _needComma = true;
            return Bytes;
        }
        return BeginMemberElsewhere(path);
    }

    private Utf8Buffer BeginMemberElsewhere(List<SourceNode> path)
    {
        var common = 0;
        while (common < _open.Count && common < path.Count && ReferenceEquals(_open[common], path[common])) common++;
        for (var i = _open.Count; i > common; i--) Bytes.Append((byte)'}');
        _open.RemoveRange(common, _open.Count - common);
        for (var i = common; i < path.Count; i++)
        {
            if (_needComma) Bytes.Append((byte)',');
            Bytes.Append(path[i].UnmappedProperty);
            Bytes.Append((byte)'{');
            _needComma = false;
            _open.Add(path[i]);
        }
        if (_needComma) Bytes.Append((byte)',');
        _needComma = true;
        return Bytes;
    }

    /// <summary>Closes the objects still open: the event has been read.</summary>
    public void Complete()
    {
        for (var i = _open.Count; i > 0; i--) Bytes.Append((byte)'}');
        _open.Clear();
    }

    /// <summary>
    /// Copies the object or array under the reader, token by token as it is read, with its property
    /// names written the namespace's way (snake_case for ECS). Leaves the reader on the closing token.
    /// False when a name could not be read as text or the value nests deeper than
    /// <see cref="CopyReaderMaxDepth"/>: the caller replays the value with <see cref="Replay"/> once
    /// the whole event has been read, so such an event fails as it always did, and where it did.
    /// </summary>
    public bool AppendRenamed(ref Utf8JsonReader r, ReadOnlySpan<byte> raw, UnmappedNames names)
    {
        var complete = true;
        var depth = 0;
        var needComma = false;
        do
        {
            switch (r.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (needComma) Bytes.Append((byte)',');
                    Bytes.Append(r.TokenType == JsonTokenType.StartObject ? (byte)'{' : (byte)'[');
                    needComma = false;
                    if (++depth >= CopyReaderMaxDepth) complete = false;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    Bytes.Append(r.TokenType == JsonTokenType.EndObject ? (byte)'}' : (byte)']');
                    depth--;
                    needComma = true;
                    break;
                case JsonTokenType.PropertyName:
                    if (needComma) Bytes.Append((byte)',');
                    complete &= AppendName(ref r, names);
                    needComma = false;
                    break;
                default:
                    if (needComma) Bytes.Append((byte)',');
                    var start = (int)r.TokenStartIndex;
                    Bytes.Append(raw.Slice(start, (int)r.BytesConsumed - start));
                    needComma = true;
                    break;
            }
        }
        while (depth > 0 && r.Read());
        return complete;
    }

    /// <summary>
    /// <see cref="AppendRenamed(ref Utf8JsonReader, ReadOnlySpan{byte}, UnmappedNames)"/> over bytes
    /// known valid, with the same bytes appended. False when a name is escaped or not plain, or the
    /// value nests too deep: the caller normalizes the event again on the validating path.
    /// </summary>
    public bool AppendRenamed(ref TrustedJsonTokens r, ReadOnlySpan<byte> raw, UnmappedNames names)
    {
        var compact = TryAppendCompact(ref r, raw, names);
        if (compact != CompactCopy.NotCompact) return compact == CompactCopy.Copied;
        var depth = 0;
        var needComma = false;
        do
        {
            var type = r.TokenType;
            if (type == JsonTokenType.PropertyName)
            {
                if (needComma) Bytes.Append((byte)',');
                if (r.ValueIsEscaped || !names.TryAppendProperty(r.ValueSpan, Bytes)) return false;
                needComma = false;
                continue;
            }
            if (type is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                depth--;
                Bytes.Append(raw[r.TokenStart]);
                needComma = true;
                continue;
            }
            if (needComma) Bytes.Append((byte)',');
            if (type is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                if (++depth >= CopyReaderMaxDepth || r.TooDeep) return false;
                Bytes.Append(raw[r.TokenStart]);
                needComma = false;
                continue;
            }
            Bytes.Append(raw.Slice(r.TokenStart, r.Position - r.TokenStart));
            needComma = true;
        }
        while (depth > 0 && r.Read());
        return true;
    }

    /// <summary>
    /// The usual case of the trusted copy: JSON as Okta sends it, without whitespace between
    /// tokens. Then the token-by-token copy writes the value's own bytes with only the property
    /// names replaced, so the runs between names (brackets, commas, numbers, string values) are
    /// copied whole, and only names and brackets are looked at on the way. The same bytes, and
    /// the same refusals (an escaped or not plain name, nesting too deep) as that copy.
    /// </summary>
    private CompactCopy TryAppendCompact(ref TrustedJsonTokens r, ReadOnlySpan<byte> raw, UnmappedNames names)
    {
        var mark = Bytes.Length;
        var outside = r.Depth - 1; // the reader is on the value's opening bracket
        var i = r.TokenStart;
        var run = i;
        var depth = 0;
        while (true)
        {
            var b = raw[i];
            if (b == (byte)'"')
            {
                var end = TrustedJsonTokens.EndOfString(raw, i + 1, out var escaped);
                if (end < raw.Length && raw[end] == (byte)':' && (escaped || !names.IsWrittenAsIs(raw.Slice(i + 1, end - i - 2))))
                {
                    // A name (in compact JSON its colon follows at once) written otherwise than Okta spells it.
                    Bytes.Append(raw.Slice(run, i - run));
                    if (escaped || !names.TryAppendProperty(raw.Slice(i + 1, end - i - 2), Bytes)) return Refuse(mark);
                    run = end + 1;
                }
                i = end;
                continue;
            }
            if (b == (byte)'{' || b == (byte)'[')
            {
                if (++depth >= CopyReaderMaxDepth || outside + depth > TrustedJsonTokens.MaxDepth) return Refuse(mark);
            }
            else if (b == (byte)'}' || b == (byte)']')
            {
                if (--depth == 0)
                {
                    Bytes.Append(raw.Slice(run, i + 1 - run));
                    r.MoveToClose(i);
                    return CompactCopy.Copied;
                }
            }
            else if (b <= (byte)' ')
            {
                Bytes.Truncate(mark); // whitespace, which the token-by-token copy leaves out: it copies this value
                return CompactCopy.NotCompact;
            }
            i++;
        }
    }

    private CompactCopy Refuse(int mark)
    {
        Bytes.Truncate(mark);
        return CompactCopy.Refused;
    }

    private enum CompactCopy
    {
        Copied,

        /// <summary>What the token-by-token copy refuses too: the event takes the validating path.</summary>
        Refused,

        /// <summary>Whitespace between tokens: the token-by-token copy does it.</summary>
        NotCompact,
    }

    /// <summary>
    /// Reads a value as the reader-based copy did (a fresh reader, default depth limit, every
    /// property name as text) and throws what that copy threw, if anything.
    /// </summary>
    public static void Replay(ReadOnlyMemory<byte> json)
    {
        var r = new Utf8JsonReader(json.Span);
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.PropertyName) r.GetString();
        }
    }

    private bool AppendName(ref Utf8JsonReader r, UnmappedNames names)
    {
        if (!r.ValueIsEscaped && names.TryAppendProperty(r.ValueSpan, Bytes)) return true;
        try
        {
            UnmappedNames.AppendProperty(EncodedName(ref r, names), Bytes);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // not text (a lone surrogate, invalid UTF-8): the replay throws it in its place
        }
    }

    private JsonEncodedText EncodedName(ref Utf8JsonReader r, UnmappedNames names)
    {
        if (r.ValueIsEscaped) return names.Encode(r.GetString()!);
        if (_encodedNames.TryGet(r.ValueSpan, out var cached)) return cached;
        var encoded = names.Encode(r.GetString()!);
        _encodedNames.Add(r.ValueSpan, encoded);
        return encoded;
    }
}
