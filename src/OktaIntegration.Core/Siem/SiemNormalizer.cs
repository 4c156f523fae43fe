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
/// null) stay absent. Thread-safe: per-call scratch state is per thread.
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
    private static readonly ConcurrentDictionary<string, JsonEncodedText> SnakeNames = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, JsonEncodedText> PlainNames = new(StringComparer.Ordinal);

    private readonly SchemaMapping _mapping;
    private readonly ConcurrentDictionary<string, EventClass> _classCache = new(StringComparer.Ordinal);
    private readonly ThreadLocal<State> _state;

    private SiemNormalizer(SchemaMapping mapping)
    {
        _mapping = mapping;
        _state = new ThreadLocal<State>(() => new State(mapping));
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
            Write(e.GetRawUtf8(), writer);
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
            Write(ThreatFindingEvent.ToEventJson(finding), writer);
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
    public void Write(ReadOnlyMemory<byte> okta, Utf8JsonWriter writer)
    {
        try
        {
            WriteCore(okta, writer);
        }
        catch (JsonException ex)
        {
            throw new FormatException("An Okta event is not valid JSON: " + ex.Message, ex);
        }
    }

    private void WriteCore(ReadOnlyMemory<byte> okta, Utf8JsonWriter writer)
    {
        var state = _state.Value!;
        state.Reset();
        var reader = new Utf8JsonReader(okta.Span, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new FormatException("An Okta event must be a JSON object.");
        Walk(ref reader, okta, _mapping.SourceRoot, state);
        var cls = ClassOf(state.EventType, state);
        Resolve(cls, state);
        writer.WriteStartObject();
        WriteChildren(_mapping.TargetRoot, writer, state);
        writer.WriteEndObject();
    }

    private void Walk(ref Utf8JsonReader r, ReadOnlyMemory<byte> raw, SourceNode node, State s)
    {
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject) return;
            var child = Find(ref r, node);
            var name = child?.Name ?? s.NameString(ref r);
            r.Read();
            if (r.TokenType == JsonTokenType.Null) continue; // absent stays absent
            if (child != null && child.Children.Count > 0 && r.TokenType == JsonTokenType.StartObject)
            {
                s.Enter(name);
                Walk(ref r, raw, child, s);
                s.Leave();
                continue;
            }
            var start = (int)r.TokenStartIndex;
            if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) r.Skip();
            var value = raw.Slice(start, (int)r.BytesConsumed - start);
            if (child == null || (child.Rules.Count == 0 && child.Selectors.Count == 0))
            {
                s.AddUnmapped(name, value);
                continue;
            }
            if (child.IsEventType) s.EventType = value;
            foreach (var rule in child.Rules) s.RuleValues[rule.Index] = Transform(rule, value);
            if (child.Selectors.Count > 0)
            {
                if (r.TokenType == JsonTokenType.EndArray) Select(child, value, s);
                s.AddUnmapped(name, value); // targets are kept whole: a selector takes only parts of one
            }
            else if (child.Keep)
            {
                s.AddUnmapped(name, value);
            }
        }
    }

    private static SourceNode? Find(ref Utf8JsonReader r, SourceNode node)
    {
        foreach (var c in node.Children)
        {
            if (r.ValueTextEquals(c.Utf8Name)) return c;
        }
        return null;
    }

    private static ReadOnlyMemory<byte> Transform(MapRule rule, ReadOnlyMemory<byte> value)
    {
        switch (rule.Kind)
        {
            case TransformKind.Table:
                return rule.Table!.Lookup(value.Span) is { } mapped ? mapped : default;
            case TransformKind.Array:
                var array = new byte[value.Length + 2];
                array[0] = (byte)'[';
                value.Span.CopyTo(array.AsSpan(1));
                array[array.Length - 1] = (byte)']';
                return array;
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

    /// <summary>Fills target[Type].field rules from the first element of each wanted type.</summary>
    private static void Select(SourceNode node, ReadOnlyMemory<byte> array, State s)
    {
        var r = new Utf8JsonReader(array.Span);
        r.Read();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)r.TokenStartIndex;
            if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) r.Skip();
            if (r.TokenType != JsonTokenType.EndObject) continue;
            var element = array.Slice(start, (int)r.BytesConsumed - start);
            var type = Property(element, "type"u8);
            foreach (var selector in node.Selectors)
            {
                if (!s.RuleValues[selector.Rule.Index].IsEmpty) continue;
                if (selector.QuotedType != null && !type.Span.SequenceEqual(selector.QuotedType)) continue;
                var value = Property(element, selector.Field);
                if (!value.IsEmpty) s.RuleValues[selector.Rule.Index] = Transform(selector.Rule, value);
            }
        }
    }

    private static ReadOnlyMemory<byte> Property(ReadOnlyMemory<byte> obj, ReadOnlySpan<byte> name)
    {
        var r = new Utf8JsonReader(obj.Span);
        r.Read();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var match = r.ValueTextEquals(name);
            r.Read();
            var start = (int)r.TokenStartIndex;
            if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) r.Skip();
            if (match && r.TokenType != JsonTokenType.Null) return obj.Slice(start, (int)r.BytesConsumed - start);
        }
        return default;
    }

    private EventClass ClassOf(ReadOnlyMemory<byte> eventType, State state)
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

    private void Resolve(EventClass cls, State s)
    {
        var leaves = _mapping.Leaves;
        for (var i = 0; i < leaves.Count; i++)
        {
            ReadOnlyMemory<byte> chosen = default;
            foreach (var p in leaves[i].Providers)
            {
                var rule = _mapping.Rules[p];
                if (rule.Group != null && !string.Equals(rule.Group, cls.Group, StringComparison.Ordinal)) continue;
                var value = rule.Constant ?? s.RuleValues[p];
                if (value.IsEmpty) continue;
                chosen = value;
                break;
            }
            s.LeafValues[i] = chosen;
        }
        // The class's own fields (class_uid, event.category, EventType ...) win over everything else.
        foreach (var (leaf, json) in cls.Constants) s.LeafValues[leaf] = json;
    }

    private void WriteChildren(TargetNode node, Utf8JsonWriter w, State s)
    {
        foreach (var child in node.Children)
        {
            if (child.LeafIndex >= 0)
            {
                var value = s.LeafValues[child.LeafIndex];
                if (value.IsEmpty) continue;
                w.WritePropertyName(child.EncodedName);
                w.WriteRawValue(value.Span, skipInputValidation: true);
            }
            else if (HasAny(child, s))
            {
                w.WriteStartObject(child.EncodedName);
                WriteChildren(child, w, s);
                w.WriteEndObject();
            }
        }
        if (node.IsUnmappedRoot) WriteUnmapped(w, s);
    }

    private static bool HasAny(TargetNode node, State s)
    {
        if (node.HoldsUnmapped && s.Unmapped.Count > 0) return true;
        foreach (var leaf in node.DescendantLeaves)
        {
            if (!s.LeafValues[leaf].IsEmpty) return true;
        }
        return false;
    }

    /// <summary>
    /// The unmapped fields, nested as in Okta's event. They were collected in document order, so
    /// all fields below one Okta object are consecutive and each object is opened once.
    /// </summary>
    private void WriteUnmapped(Utf8JsonWriter w, State s)
    {
        var open = s.Open;
        open.Clear();
        foreach (var (parents, name, value) in s.Unmapped)
        {
            var common = 0;
            while (common < open.Count && common < parents.Length && open[common] == parents[common]) common++;
            for (var i = open.Count; i > common; i--) w.WriteEndObject();
            open.RemoveRange(common, open.Count - common);
            for (var i = common; i < parents.Length; i++)
            {
                w.WriteStartObject(Name(parents[i]));
                open.Add(parents[i]);
            }
            w.WritePropertyName(Name(name));
            if (_mapping.SnakeCaseUnmapped && value.Span[0] is (byte)'{' or (byte)'[') CopyRenamed(value, w, s);
            else w.WriteRawValue(value.Span, skipInputValidation: true);
        }
        for (var i = open.Count; i > 0; i--) w.WriteEndObject();
    }

    /// <summary>Copies a JSON object or array, writing its property names snake_case (ECS's okta.* fields).</summary>
    private void CopyRenamed(ReadOnlyMemory<byte> json, Utf8JsonWriter w, State s)
    {
        var r = new Utf8JsonReader(json.Span);
        while (r.Read())
        {
            switch (r.TokenType)
            {
                case JsonTokenType.StartObject: w.WriteStartObject(); break;
                case JsonTokenType.EndObject: w.WriteEndObject(); break;
                case JsonTokenType.StartArray: w.WriteStartArray(); break;
                case JsonTokenType.EndArray: w.WriteEndArray(); break;
                case JsonTokenType.PropertyName: w.WritePropertyName(NameOf(ref r, s)); break;
                default:
                    var start = (int)r.TokenStartIndex;
                    w.WriteRawValue(json.Span.Slice(start, (int)r.BytesConsumed - start), skipInputValidation: true);
                    break;
            }
        }
    }

    /// <summary>
    /// <see cref="Name(string)"/> for the property name under the reader, found by its UTF-8 bytes
    /// in the thread's cache, so copying the okta.* objects of every event makes no strings.
    /// </summary>
    private JsonEncodedText NameOf(ref Utf8JsonReader r, State s)
    {
        if (r.ValueIsEscaped || r.HasValueSequence) return Name(r.GetString()!);
        if (s.EncodedNames.TryGet(r.ValueSpan, out var cached)) return cached;
        var encoded = Name(r.GetString()!);
        s.EncodedNames.Add(r.ValueSpan, encoded);
        return encoded;
    }

    private JsonEncodedText Name(string okta)
    {
        var cache = _mapping.SnakeCaseUnmapped ? SnakeNames : PlainNames;
        if (cache.TryGetValue(okta, out var encoded)) return encoded;
        encoded = JsonEncodedText.Encode(_mapping.SnakeCaseUnmapped ? SnakeCase(okta) : okta);
        if (cache.Count < MaxCachedNames) cache[okta] = encoded;
        return encoded;
    }

    /// <summary>debugContext to debug_context, requestURI to request_uri; names already snake_case are unchanged.</summary>
    internal static string SnakeCase(string name)
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

    /// <summary>Per-thread scratch for one event: values by rule and by leaf, and the unmapped fields.</summary>
    private sealed class State
    {
        public State(SchemaMapping mapping)
        {
            RuleValues = new ReadOnlyMemory<byte>[mapping.Rules.Count];
            LeafValues = new ReadOnlyMemory<byte>[mapping.Leaves.Count];
        }

        public ReadOnlyMemory<byte>[] RuleValues { get; }

        public ReadOnlyMemory<byte>[] LeafValues { get; }

        private readonly List<string> _path = new(8);
        private string[]? _parents = Array.Empty<string>();

        /// <summary>Unmapped fields in document order: the Okta objects they sit in (one array shared by siblings), name, value.</summary>
        public List<(string[] Parents, string Name, ReadOnlyMemory<byte> Value)> Unmapped { get; } = new(16);

        public List<string> Open { get; } = new(4);

        public ReadOnlyMemory<byte> EventType { get; set; }

        // Per-thread caches by UTF-8 bytes: at hundreds of thousands of events a second, a string
        // per property name made the collector, not the mapping, the largest cost.
        public Utf8KeyedCache<string> NameStrings { get; } = new(MaxCachedNames);

        public Utf8KeyedCache<JsonEncodedText> EncodedNames { get; } = new(MaxCachedNames);

        public Utf8KeyedCache<EventClass> Classes { get; } = new(MaxCachedNames);

        public void Enter(string name)
        {
            _path.Add(name);
            _parents = null;
        }

        public void Leave()
        {
            _path.RemoveAt(_path.Count - 1);
            _parents = null;
        }

        /// <summary>The property name under the reader as a string, from the cache when seen before.</summary>
        public string NameString(ref Utf8JsonReader r)
        {
            if (r.ValueIsEscaped || r.HasValueSequence) return r.GetString()!;
            if (NameStrings.TryGet(r.ValueSpan, out var cached)) return cached;
            var name = r.GetString()!;
            NameStrings.Add(r.ValueSpan, name);
            return name;
        }

        public void Reset()
        {
            Array.Clear(RuleValues, 0, RuleValues.Length);
            Unmapped.Clear();
            _path.Clear();
            _parents = Array.Empty<string>();
            EventType = default;
        }

        public void AddUnmapped(string name, ReadOnlyMemory<byte> value)
        {
            _parents ??= _path.ToArray();
            Unmapped.Add((_parents, name, value));
        }
    }
}
