using System;
using System.Collections.Generic;
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
    public Utf8Buffer BeginMember(List<SourceNode> path)
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
