using System;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading;
using OktaIntegration.Core.Detection;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Siem;

/// <summary>
/// Converts Okta System Log event JSON into ECS, OCSF or ASIM, driven by the schema's mapping
/// file. One forward pass over the event's original UTF-8 picks up mapped values as slices of
/// the input (no strings, no DOM); everything the mapping has no place for is copied under the
/// schema's unmapped namespace, so nothing Okta sent is lost; fields Okta left out (or sent as
/// null) stay absent. The output is assembled as compact JSON bytes (the unmapped namespace while
/// the event is read) and given to the caller's writer in one piece. Thread-safe: per-call
/// scratch state is per thread.
/// <para>
/// Hook for detection findings: anything shaped like an Okta event can be normalized. A finding
/// written as an event whose eventType is <c>okta.threat_finding</c> becomes an OCSF Detection
/// Finding (2004) and an ECS event with <c>event.kind: alert</c> (class lines in the mapping files).
/// </para>
/// </summary>
public sealed class SiemNormalizer
{
    private const int MaxCachedNames = 4096;
    private static readonly ConcurrentDictionary<SiemSchema, SiemNormalizer> Instances = new();

    private readonly SchemaMapping _mapping;
    private readonly ConcurrentDictionary<string, EventClass> _classCache = new(StringComparer.Ordinal);
    private readonly ThreadLocal<NormalizerScratch> _state;

    // The scratch this thread used last. ThreadLocal<T>.Value costs a slow thread-local lookup
    // per call on Linux; a [ThreadStatic] field is read in line, and a thread mostly normalizes
    // to one schema, so it is mostly the one wanted.
    [ThreadStatic]
    private static NormalizerScratch? t_lastScratch;

    private SiemNormalizer(SchemaMapping mapping)
    {
        _mapping = mapping;
        _state = new ThreadLocal<NormalizerScratch>(() => new NormalizerScratch(mapping));
    }

    public SiemSchema Schema => _mapping.Schema;

    /// <summary>The schema version the mapping writes (ECS 8.11.0, OCSF 1.3.0, ASIM Authentication 0.1.3).</summary>
    public string SchemaVersion => _mapping.Version;

    /// <summary>The data file this normalizer was built from.</summary>
    public string MappingResource => _mapping.ResourceName;

    /// <summary>The normalizer for a schema (built once from its embedded mapping file).</summary>
    public static SiemNormalizer For(SiemSchema schema)
    {
        if (schema == SiemSchema.Raw) throw new ArgumentException("Raw events are forwarded unchanged and need no normalizer.", nameof(schema));
        return Instances.GetOrAdd(schema, static s => new SiemNormalizer(SchemaMapping.Load(ResourceFor(s))));
    }

    internal static string ResourceFor(SiemSchema schema) => schema switch
    {
        SiemSchema.Ecs => "OktaIntegration.Core.Siem.Mappings.ecs-8.11.0.map",
        SiemSchema.Ocsf => "OktaIntegration.Core.Siem.Mappings.ocsf-1.3.0.map",
        SiemSchema.Asim => "OktaIntegration.Core.Siem.Mappings.asim-authentication-0.1.3.map",
        _ => throw new ArgumentOutOfRangeException(nameof(schema)),
    };

    /// <summary>The normalized event as one compact JSON document.</summary>
    public byte[] Normalize(OktaLogEvent e)
    {
        using var buffer = new System.IO.MemoryStream(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(e, writer);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// A finding of Find-OktaThreat in this schema (see <see cref="ThreatFindingEvent"/>): an OCSF
    /// Detection Finding, an ECS alert.
    /// </summary>
    /// <exception cref="NotSupportedException">The schema has no class for findings (ASIM Authentication).</exception>
    public byte[] Normalize(OktaThreatFinding finding)
    {
        if (!HasFindingClass) throw new NotSupportedException($"The {Schema} mapping ({MappingResource}) has no class for detection findings; convert findings to Ecs or Ocsf.");
        using var buffer = new System.IO.MemoryStream(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteValidJson(ThreatFindingEvent.ToEventJson(finding), writer); // our own writer's JSON
        }
        return buffer.ToArray();
    }

    /// <summary>The finding as nested ordered dictionaries; see <see cref="NormalizeToDictionary(OktaLogEvent)"/>.</summary>
    public System.Collections.Specialized.OrderedDictionary NormalizeToDictionary(OktaThreatFinding finding)
    {
        using var doc = JsonDocument.Parse(Normalize(finding));
        return (System.Collections.Specialized.OrderedDictionary)ToPlain(doc.RootElement)!;
    }

    /// <summary>Whether the mapping file names a class for <see cref="ThreatFindingEvent.EventType"/>.</summary>
    public bool HasFindingClass => _mapping.HasExactClass(ThreatFindingEvent.EventType);

    /// <summary>
    /// The normalized event as nested ordered dictionaries (arrays as object[], numbers as long or
    /// double), for callers that build objects from it, such as ConvertTo-OktaSiemEvent.
    /// </summary>
    public System.Collections.Specialized.OrderedDictionary NormalizeToDictionary(OktaLogEvent e)
    {
        using var doc = JsonDocument.Parse(Normalize(e));
        return (System.Collections.Specialized.OrderedDictionary)ToPlain(doc.RootElement)!;
    }

    private static object? ToPlain(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new System.Collections.Specialized.OrderedDictionary(StringComparer.Ordinal);
                foreach (var p in e.EnumerateObject()) map[p.Name] = ToPlain(p.Value);
                return map;
            case JsonValueKind.Array:
                var items = new List<object?>();
                foreach (var item in e.EnumerateArray()) items.Add(ToPlain(item));
                return items.ToArray();
            case JsonValueKind.String: return e.GetString();
            case JsonValueKind.Number: return e.TryGetInt64(out var n) ? n : e.GetDouble();
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            default: return null;
        }
    }

    /// <summary>Writes the normalized form of one Okta event (its original UTF-8 JSON) as one JSON object.</summary>
    /// <exception cref="FormatException">The event is not a JSON object.</exception>
    public void Write(ReadOnlyMemory<byte> okta, Utf8JsonWriter writer) => WriteWhole(Normalized(okta), writer);

    /// <summary>The validating path: the normalized event in this thread's scratch.</summary>
    private Utf8Buffer Normalized(ReadOnlyMemory<byte> okta)
    {
        try
        {
            return NormalizeValidating(okta);
        }
        catch (JsonException ex)
        {
            throw new FormatException("An Okta event is not valid JSON: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// Writes the normalized form of an event read from a System Log page, as
    /// <see cref="Write(ReadOnlyMemory{byte}, Utf8JsonWriter)"/> writes its JSON, byte for byte.
    /// The page reader has already read every token of it, so it is not validated again.
    /// </summary>
    public void Write(OktaLogEvent e, Utf8JsonWriter writer)
    {
        if (e == null) throw new ArgumentNullException(nameof(e));
        WriteValidJson(e.GetRawUtf8(), writer);
    }

    /// <summary>
    /// Appends to <paramref name="output"/> the bytes <see cref="Write(OktaLogEvent, Utf8JsonWriter)"/>
    /// writes, with no writer between: the exporter puts a whole page of events into one buffer,
    /// and a writer there cost a second copy of every event and the clearing of its own buffer.
    /// </summary>
    internal void AppendTo(OktaLogEvent e, System.IO.Stream output) => NormalizedValidJson(e.GetRawUtf8()).WriteTo(output);

    /// <summary>
    /// Normalizes JSON that a validating reader has already read whole (see
    /// <see cref="TrustedJsonTokens"/>) in one pass that does not validate it again. Whatever that
    /// pass leaves to the validating path (escaped or unusual names, deep nesting, an error) is
    /// normalized again by it from the start, so output and errors are those of the validating path.
    /// </summary>
    internal void WriteValidJson(ReadOnlyMemory<byte> okta, Utf8JsonWriter writer) => WriteWhole(NormalizedValidJson(okta), writer);

    /// <summary>See <see cref="WriteValidJson"/>: the normalized event in this thread's scratch.</summary>
    private Utf8Buffer NormalizedValidJson(ReadOnlyMemory<byte> okta)
    {
        Utf8Buffer? trusted;
        try
        {
            trusted = TryNormalizeTrusted(okta);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            trusted = null; // the validating path throws its own error for it, as it always did
        }
        return trusted ?? Normalized(okta);
    }

    /// <summary>
    /// One piece: the caller's writer adds a separator if it needs one and copies the bytes. Taken
    /// from the scratch before this thread normalizes anything else.
    /// </summary>
    private static void WriteWhole(Utf8Buffer normalized, Utf8JsonWriter writer) => writer.WriteRawValue(normalized.Span, skipInputValidation: true);

    private Utf8Buffer NormalizeValidating(ReadOnlyMemory<byte> okta)
    {
        var s = Scratch();
        s.Reset();
        var reader = new Utf8JsonReader(okta.Span, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new FormatException("An Okta event must be a JSON object.");
        Walk(ref reader, okta, _mapping.SourceRoot, s);
        return Assemble(s);
    }

    /// <summary>Null when the event needs the validating path.</summary>
    internal Utf8Buffer? TryNormalizeTrusted(ReadOnlyMemory<byte> okta)
    {
        var s = Scratch();
        s.Reset();
        var span = okta.Span;
        if (span.IsEmpty || span[0] != (byte)'{') return null;
        var tokens = new TrustedJsonTokens(span);
        tokens.Read();
        if (!WalkTrusted(ref tokens, okta, _mapping.SourceRoot, s) || tokens.TooDeep) return null;
        return Assemble(s);
    }

    /// <summary>This thread's working space for this normalizer's mapping.</summary>
    private NormalizerScratch Scratch()
    {
        var last = t_lastScratch;
        if (last != null && ReferenceEquals(last.Mapping, _mapping)) return last;
        return t_lastScratch = _state.Value!;
    }

    /// <summary>Once the event has been read: the output object, in the scratch's output buffer.</summary>
    private Utf8Buffer Assemble(NormalizerScratch s)
    {
        s.Unmapped.Complete();
        var cls = ClassOf(s.EventType, s);
        foreach (var value in s.Replays) UnmappedSection.Replay(value);
        cls.Output.Write(s);
        return s.Output;
    }

    /// <summary>
    /// Reads the members of one Okta object: mapped values are kept (as slices of the event) for
    /// their rules, everything else is written straight into the unmapped namespace.
    /// </summary>
    private void Walk(ref Utf8JsonReader r, ReadOnlyMemory<byte> raw, SourceNode node, NormalizerScratch s)
    {
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject) return;
            var child = r.ValueIsEscaped ? FindEscaped(ref r, node) : Find(r.ValueSpan, node);
            // A name without a place, as it will be written if its value goes to the unmapped namespace.
            var plainName = ReadOnlySpan<byte>.Empty;
            string? nameText = null;
            if (child == null)
            {
                if (!r.ValueIsEscaped && UnmappedNames.IsPlain(r.ValueSpan)) plainName = r.ValueSpan;
                else nameText = s.NameString(ref r);
            }
            r.Read();
            if (r.TokenType == JsonTokenType.Null) continue; // absent stays absent
            if (child != null && child.Children.Count > 0 && r.TokenType == JsonTokenType.StartObject)
            {
                s.Path.Add(child);
                Walk(ref r, raw, child, s);
                s.Path.RemoveAt(s.Path.Count - 1);
                continue;
            }
            var start = (int)r.TokenStartIndex;
            // Selector targets are kept whole (a selector takes only parts of one), and so are keep lines.
            if (child == null || child.Rules.Count == 0 || child.Selectors.Count > 0 || child.Keep)
            {
                var to = s.Unmapped.BeginMember(s.Path);
                if (child != null) to.Append(child.UnmappedProperty);
                else if (nameText != null) UnmappedNames.AppendProperty(_mapping.UnmappedNames.Encode(nameText), to);
                else _mapping.UnmappedNames.TryAppendProperty(plainName, to); // plain, so it always appends
                if (_mapping.SnakeCaseUnmapped && r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    if (!s.Unmapped.AppendRenamed(ref r, raw.Span, _mapping.UnmappedNames)) s.Replays.Add(raw.Slice(start, (int)r.BytesConsumed - start));
                }
                else
                {
                    if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) r.Skip();
                    to.Append(raw.Span.Slice(start, (int)r.BytesConsumed - start));
                }
            }
            else if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                r.Skip();
            }
            if (child == null || (child.Rules.Count == 0 && child.Selectors.Count == 0)) continue;
            var value = raw.Slice(start, (int)r.BytesConsumed - start);
            Pick(child, value, s);
            if (child.Selectors.Count > 0 && r.TokenType == JsonTokenType.EndArray) Select(child, value, s);
        }
    }

    /// <summary>
    /// <see cref="Walk"/> over bytes known valid, with the same result. False as soon as the
    /// event holds something the validating path treats specially: an escaped property name (it
    /// is compared and converted unescaped), a name that is not plain (it needs the encoder and
    /// may not be text), a value that nests too deep.
    /// </summary>
    private bool WalkTrusted(ref TrustedJsonTokens r, ReadOnlyMemory<byte> raw, SourceNode node, NormalizerScratch s)
    {
        var json = raw.Span;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject) return true;
            if (r.ValueIsEscaped) return false;
            var name = r.ValueSpan;
            var child = Find(name, node);
            r.Read();
            if (r.TokenType == JsonTokenType.Null)
            {
                if (child == null && !UnmappedNames.IsPlain(name)) return false; // the validating path reads such a name as text even here
                continue;
            }
            var container = r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
            if (child != null && child.HasChildren && r.TokenType == JsonTokenType.StartObject)
            {
                s.Path.Add(child);
                if (!WalkTrusted(ref r, raw, child, s)) return false;
                s.Path.RemoveAt(s.Path.Count - 1);
                continue;
            }
            var start = r.TokenStart;
            if (child == null || child.CopiedToUnmapped)
            {
                var to = s.Unmapped.BeginMember(s.Path);
                if (child != null) to.Append(child.UnmappedProperty);
                else if (!_mapping.UnmappedNames.TryAppendProperty(name, to)) return false; // not plain: it needs the encoder
                if (_mapping.SnakeCaseUnmapped && container)
                {
                    if (!s.Unmapped.AppendRenamed(ref r, json, _mapping.UnmappedNames)) return false;
                }
                else
                {
                    if (container) r.Skip();
                    to.Append(json.Slice(start, r.Position - start));
                }
            }
            else if (container)
            {
                r.Skip();
            }
            if (child == null || !child.IsPicked) continue;
            var value = raw.Slice(start, r.Position - start);
            Pick(child, value, s);
            if (child.HasSelectors && r.TokenType == JsonTokenType.EndArray && !SelectTrusted(child, value, s)) return false;
        }
        return false; // the input ended inside the object: not what the page reader read
    }

    /// <summary>Keeps a mapped value for its rules (and the event type).</summary>
    private static void Pick(SourceNode child, ReadOnlyMemory<byte> value, NormalizerScratch s)
    {
        if (child.IsEventType) s.EventType = value;
        foreach (var rule in child.RuleArray) s.RuleValues[rule.Index] = rule.Kind == TransformKind.Copy ? value : Transform(rule, value, s.Transformed);
    }

    private static SourceNode? FindEscaped(ref Utf8JsonReader r, SourceNode node)
    {
        foreach (var c in node.Children)
        {
            if (r.ValueTextEquals(c.Utf8Name)) return c;
        }
        return null;
    }

    /// <summary>The child of <paramref name="node"/> with this name (as written, not escaped), or null.</summary>
    private static SourceNode? Find(ReadOnlySpan<byte> name, SourceNode node)
    {
        var byLength = node.ChildrenByLength;
        if (name.Length >= byLength.Length) return null;
        foreach (var c in byLength[name.Length])
        {
            if (ShortBytes.Equal(name, c.Utf8Name)) return c;
        }
        return null;
    }

    private static ReadOnlyMemory<byte> Transform(MapRule rule, ReadOnlyMemory<byte> value, Utf8Buffer scratch)
    {
        switch (rule.Kind)
        {
            case TransformKind.Table:
                return rule.Table!.Lookup(value.Span) is { } mapped ? mapped : default;
            case TransformKind.Array:
                var start = scratch.Length;
                scratch.Append((byte)'[');
                scratch.Append(value.Span);
                scratch.Append((byte)']');
                return scratch.Since(start);
            case TransformKind.EpochMilliseconds:
                return EpochMilliseconds(value.Span);
            case TransformKind.Objects:
                return Objects(value.Span, rule.ObjectPath!);
            default:
                return value;
        }
    }

    private static ReadOnlyMemory<byte> EpochMilliseconds(ReadOnlySpan<byte> json)
    {
        if (json.Length < 2 || json[0] != (byte)'"') return default;
        var text = Encoding.UTF8.GetString(json.Slice(1, json.Length - 2).ToArray());
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)) return default;
        var buffer = new byte[20];
        return Utf8Formatter.TryFormat(time.ToUnixTimeMilliseconds(), buffer, out var written) ? buffer.AsMemory(0, written) : default;
    }

    private static ReadOnlyMemory<byte> Objects(ReadOnlySpan<byte> json, JsonEncodedText[] path)
    {
        using var buffer = new System.IO.MemoryStream(json.Length + 32);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            using var value = JsonDocument.Parse(json.ToArray());
            writer.WriteStartArray();
            if (value.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.RootElement.EnumerateArray()) WriteWrapped(writer, item, path);
            }
            else
            {
                WriteWrapped(writer, value.RootElement, path);
            }
            writer.WriteEndArray();
        }
        return buffer.ToArray();
    }

    private static void WriteWrapped(Utf8JsonWriter writer, JsonElement value, JsonEncodedText[] path)
    {
        foreach (var name in path)
        {
            writer.WriteStartObject();
            writer.WritePropertyName(name);
        }
        value.WriteTo(writer);
        for (var i = 0; i < path.Length; i++) writer.WriteEndObject();
    }

    /// <summary>
    /// Fills target[Type].field rules from the first element of each wanted type. Each element is
    /// read once, for its type and every field a selector wants (the first non-null of each).
    /// </summary>
    private static void Select(SourceNode node, ReadOnlyMemory<byte> array, NormalizerScratch s)
    {
        var fields = node.SelectedFields;
        var found = s.FieldValues(fields.Count);
        var r = new Utf8JsonReader(array.Span);
        r.Read();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                if (r.TokenType == JsonTokenType.StartArray) r.Skip();
                continue; // only objects have a type
            }
            Array.Clear(found, 0, fields.Count);
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var field = FieldIndex(ref r, fields);
                r.Read();
                var start = (int)r.TokenStartIndex;
                if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) r.Skip();
                if (field >= 0 && found[field].IsEmpty && r.TokenType != JsonTokenType.Null) found[field] = array.Slice(start, (int)r.BytesConsumed - start);
            }
            ApplySelectors(node, found, s);
        }
    }

    /// <summary>
    /// <see cref="Select"/> over bytes known valid, with the same result; false when an element
    /// has an escaped name (the validating path compares it unescaped).
    /// </summary>
    private static bool SelectTrusted(SourceNode node, ReadOnlyMemory<byte> array, NormalizerScratch s)
    {
        var fields = node.SelectedFields;
        var found = s.FieldValues(fields.Count);
        var r = new TrustedJsonTokens(array.Span);
        r.Read();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                r.Skip();
                continue; // only objects have a type
            }
            Array.Clear(found, 0, fields.Count);
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueIsEscaped) return false;
                var field = FieldIndex(r.ValueSpan, fields);
                r.Read();
                var start = r.TokenStart;
                r.Skip();
                if (field >= 0 && found[field].IsEmpty && r.TokenType != JsonTokenType.Null) found[field] = array.Slice(start, r.Position - start);
            }
            ApplySelectors(node, found, s);
        }
        return true;
    }

    /// <summary>The selectors of an array, given one element's type and fields.</summary>
    private static void ApplySelectors(SourceNode node, ReadOnlyMemory<byte>[] found, NormalizerScratch s)
    {
        var type = found[0];
        foreach (var selector in node.Selectors)
        {
            if (!s.RuleValues[selector.Rule.Index].IsEmpty) continue;
            if (selector.QuotedType != null && !type.Span.SequenceEqual(selector.QuotedType)) continue;
            var value = found[selector.FieldIndex];
            if (!value.IsEmpty) s.RuleValues[selector.Rule.Index] = Transform(selector.Rule, value, s.Transformed);
        }
    }

    private static int FieldIndex(ref Utf8JsonReader r, List<byte[]> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (r.ValueTextEquals(fields[i])) return i;
        }
        return -1;
    }

    /// <summary>For a name as written, not escaped.</summary>
    private static int FieldIndex(ReadOnlySpan<byte> name, List<byte[]> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (name.SequenceEqual(fields[i])) return i;
        }
        return -1;
    }

    private EventClass ClassOf(ReadOnlyMemory<byte> eventType, NormalizerScratch state)
    {
        if (eventType.IsEmpty || eventType.Span[0] != (byte)'"') return _mapping.ClassFor(null);
        if (state.Classes.TryGet(eventType.Span, out var known)) return known;
        var found = ClassOfText(eventType);
        state.Classes.Add(eventType.Span, found);
        return found;
    }

    private EventClass ClassOfText(ReadOnlyMemory<byte> eventType)
    {
        var reader = new Utf8JsonReader(eventType.Span);
        reader.Read();
        var text = reader.GetString()!;
        if (_classCache.TryGetValue(text, out var cached)) return cached;
        var cls = _mapping.ClassFor(text);
        if (_classCache.Count < MaxCachedNames) _classCache[text] = cls;
        return cls;
    }

    /// <summary>debugContext to debug_context, requestURI to request_uri; names already snake_case are unchanged.</summary>
    internal static string SnakeCase(string name) => UnmappedNames.SnakeCase(name);
}
