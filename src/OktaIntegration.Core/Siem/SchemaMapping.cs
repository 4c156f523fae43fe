using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace OktaIntegration.Core.Siem;

/// <summary>
/// One schema's mapping, loaded from its versioned data file (Siem/Mappings/*.map, embedded) and
/// compiled into the two trees <see cref="SiemNormalizer"/> walks: a tree of Okta source paths
/// (what to pick up while reading an event once) and a tree of target paths (what to write).
/// The file format is described at the top of ecs-8.11.0.map. Mistakes in a file are load errors
/// naming the line, caught by the tests, never silent.
/// </summary>
internal sealed class SchemaMapping
{
    private readonly Dictionary<string, EventClass> _exactClasses = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, EventClass Class)> _prefixClasses = new();
    private EventClass _fallback;

    private SchemaMapping(string resourceName)
    {
        ResourceName = resourceName;
        _fallback = null!;
    }

    public string ResourceName { get; }

    public SiemSchema Schema { get; private set; }

    /// <summary>The schema version the file maps to (ECS 8.11.0, OCSF 1.3.0, ASIM Authentication 0.1.3).</summary>
    public string Version { get; private set; } = string.Empty;

    public string UnmappedName { get; private set; } = string.Empty;

    /// <summary>Whether unmapped names are written snake_case (ECS's okta.* fields) or as Okta spells them.</summary>
    public bool SnakeCaseUnmapped { get; private set; }

    /// <summary>How names are written under the unmapped namespace.</summary>
    public UnmappedNames UnmappedNames { get; private set; } = null!;

    public SourceNode SourceRoot { get; } = new(string.Empty);

    public TargetNode TargetRoot { get; } = new(string.Empty);

    public List<MapRule> Rules { get; } = new();

    public List<TargetNode> Leaves { get; } = new();

    public IReadOnlyList<EventClass> Classes => _exactClasses.Values.Concat(_prefixClasses.Select(p => p.Class)).Append(_fallback).ToArray();

    /// <summary>Whether a class line names this event type exactly (not by prefix or the fallback).</summary>
    public bool HasExactClass(string eventType) => _exactClasses.ContainsKey(eventType);

    /// <summary>The event class for an event type: an exact line, else the longest matching prefix.*, else *.</summary>

    public EventClass ClassFor(string? eventType)
    {
        if (eventType == null) return _fallback;
        if (_exactClasses.TryGetValue(eventType, out var exact)) return exact;
        foreach (var (prefix, cls) in _prefixClasses)
        {
            if (eventType.StartsWith(prefix, StringComparison.Ordinal)) return cls;
        }
        return _fallback;
    }

    public static SchemaMapping Load(string resourceName)
    {
        using var stream = typeof(SchemaMapping).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The schema mapping resource '{resourceName}' is missing from OktaIntegration.Core.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(resourceName, reader.ReadToEnd());
    }

    internal static SchemaMapping Parse(string name, string text)
    {
        var mapping = new SchemaMapping(name);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var tables = new Dictionary<string, ValueTable>(StringComparer.Ordinal);
        var pendingClasses = new List<(int Line, string Pattern, string? Group, string Json)>();
        var pendingRules = new List<(int Line, string Source, string Target, string? Transform, string? Group, byte[]? Constant)>();
        var keeps = new List<(int Line, string Source)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line[0] == '#') continue;
            var cells = line.Split('\t');
            string Cell(int n) => n < cells.Length ? cells[n] : string.Empty;
            string? Optional(int n) => string.IsNullOrEmpty(Cell(n)) || Cell(n) == "-" ? null : Cell(n);
            switch (cells[0])
            {
                case "schema": mapping.Schema = (SiemSchema)Enum.Parse(typeof(SiemSchema), Cell(1)); break;
                case "version": mapping.Version = Cell(1); break;
                case "unmapped":
                    mapping.UnmappedName = Cell(1);
                    mapping.SnakeCaseUnmapped = Cell(2) == "snake";
                    break;
                case "const": pendingRules.Add((i + 1, string.Empty, Cell(1), null, null, Json(name, i + 1, Cell(2)))); break;
                case "map": pendingRules.Add((i + 1, Cell(1), Cell(2), Optional(3), Optional(4), null)); break;
                case "keep": keeps.Add((i + 1, Cell(1))); break;
                case "table":
                    if (!tables.TryGetValue(Cell(1), out var table)) tables[Cell(1)] = table = new ValueTable();
                    table.Add(Cell(2), Json(name, i + 1, Cell(3)));
                    break;
                case "class": pendingClasses.Add((i + 1, Cell(1), Optional(2), Cell(3))); break;
                default: throw Error(name, i + 1, $"unknown line kind '{cells[0]}'");
            }
        }
        if (string.IsNullOrEmpty(mapping.UnmappedName)) throw Error(name, 0, "no 'unmapped' line");

        var unconditionalSources = new HashSet<string>(pendingRules.Where(r => r.Group == null).Select(r => r.Source), StringComparer.Ordinal);
        foreach (var (line, source, target, transform, group, constant) in pendingRules)
        {
            var leaf = mapping.Leaf(name, line, target);
            var rule = new MapRule(mapping.Rules.Count, source, leaf.LeafIndex, group, constant);
            if (transform != null)
            {
                if (transform.StartsWith("table:", StringComparison.Ordinal))
                {
                    rule.Kind = TransformKind.Table;
                    rule.Table = tables.TryGetValue(transform.Substring(6), out var t) ? t : throw Error(name, line, $"no table '{transform.Substring(6)}'");
                }
                else if (transform.StartsWith("objects:", StringComparison.Ordinal))
                {
                    var path = transform.Substring(8).Split('.');
                    if (path.Any(string.IsNullOrEmpty)) throw Error(name, line, $"'{transform}' needs a dotted path after 'objects:'");
                    rule.Kind = TransformKind.Objects;
                    rule.ObjectPath = path.Select(p => JsonEncodedText.Encode(p)).ToArray();
                }
                else
                {
                    rule.Kind = transform switch
                    {
                        "epoch_ms" => TransformKind.EpochMilliseconds,
                        "array" => TransformKind.Array,
                        _ => throw Error(name, line, $"unknown transform '{transform}'"),
                    };
                }
            }
            mapping.Rules.Add(rule);
            leaf.Providers.Add(rule.Index);
            if (constant != null) continue;
            var selector = SourceSelector.TryParse(source);
            if (group != null && selector == null && !unconditionalSources.Contains(source))
                throw Error(name, line, $"'{source}' is mapped only for group '{group}'; map it for every event too, or other classes would lose it");
            mapping.AddSource(name, line, source, selector, rule);
        }
        foreach (var (line, source) in keeps) mapping.Node(source).Keep = true;

        foreach (var (line, pattern, group, json) in pendingClasses)
        {
            var cls = new EventClass(pattern, group);
            using (var doc = JsonDocument.Parse(json))
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Error(name, line, "a class's fields must be a JSON object");
                mapping.Flatten(name, line, doc.RootElement, string.Empty, cls);
            }
            if (pattern == "*") mapping._fallback = cls;
            else if (pattern.EndsWith(".*", StringComparison.Ordinal)) mapping._prefixClasses.Add((pattern.Substring(0, pattern.Length - 1), cls));
            else mapping._exactClasses[pattern] = cls;
        }
        mapping._prefixClasses.Sort((a, b) => b.Prefix.Length.CompareTo(a.Prefix.Length));
        mapping._fallback ??= new EventClass("*", null);

        // The unmapped namespace: created if no mapped field lives there; mapped fields in it must be
        // direct children, so an unmapped object of the same name can never be written twice.
        var root = mapping.TargetRoot.Children.FirstOrDefault(c => c.Name == mapping.UnmappedName);
        if (root == null) mapping.TargetRoot.Children.Add(root = new TargetNode(mapping.UnmappedName));
        if (root.LeafIndex >= 0 || root.Children.Any(c => c.LeafIndex < 0))
            throw Error(name, 0, $"mapped fields under '{mapping.UnmappedName}' must be direct children of it");
        root.IsUnmappedRoot = true;
        mapping.UnmappedNames = new UnmappedNames(mapping.SnakeCaseUnmapped);
        mapping.SourceRoot.Seal(mapping.UnmappedNames);
        mapping.TargetRoot.Seal();
        foreach (var cls in mapping.Classes) cls.Output = OutputPlan.For(mapping.TargetRoot, LeafSource.For(mapping, cls));
        if (mapping.SourceRoot.Child("eventType") == null) throw Error(name, 0, "eventType must be mapped (it selects the class)");
        mapping.SourceRoot.Child("eventType")!.IsEventType = true;
        return mapping;
    }

    private void AddSource(string name, int line, string source, SourceSelector? selector, MapRule rule)
    {
        if (selector != null)
        {
            selector.Rule = rule;
            var array = Node(selector.ArrayPath);
            selector.FieldIndex = array.SelectedField(selector.Field);
            array.Selectors.Add(selector);
            return;
        }
        var node = Node(source);
        if (node.Children.Count > 0) throw Error(name, line, $"'{source}' is mapped whole and also field by field");
        node.Rules.Add(rule);
    }

    private SourceNode Node(string path)
    {
        var node = SourceRoot;
        foreach (var part in path.Split('.'))
        {
            var child = node.Child(part);
            if (child == null) node.Children.Add(child = new SourceNode(part));
            node = child;
        }
        return node;
    }

    private TargetNode Leaf(string name, int line, string path)
    {
        var node = TargetRoot;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var child = node.Children.FirstOrDefault(c => c.Name == parts[i]);
            if (child == null) node.Children.Add(child = new TargetNode(parts[i]));
            if (i < parts.Length - 1 && child.LeafIndex >= 0) throw Error(name, line, $"'{path}' is below the field '{string.Join(".", parts, 0, i + 1)}'");
            node = child;
        }
        if (node.LeafIndex < 0)
        {
            if (node.Children.Count > 0) throw Error(name, line, $"'{path}' is an object of other fields");
            node.LeafIndex = Leaves.Count;
            Leaves.Add(node);
        }
        return node;
    }

    private void Flatten(string name, int line, JsonElement obj, string prefix, EventClass cls)
    {
        foreach (var p in obj.EnumerateObject())
        {
            var path = prefix.Length == 0 ? p.Name : prefix + "." + p.Name;
            if (p.Value.ValueKind == JsonValueKind.Object) Flatten(name, line, p.Value, path, cls);
            else cls.Constants.Add((Leaf(name, line, path).LeafIndex, Encoding.UTF8.GetBytes(p.Value.GetRawText())));
        }
    }

    private static byte[] Json(string name, int line, string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return Encoding.UTF8.GetBytes(doc.RootElement.GetRawText());
        }
        catch (JsonException ex)
        {
            throw Error(name, line, "not JSON: " + ex.Message);
        }
    }

    private static FormatException Error(string name, int line, string message) =>
        new(string.Format(CultureInfo.InvariantCulture, "Schema mapping {0}, line {1}: {2}", name, line, message));
}

internal enum TransformKind
{
    Copy,
    Table,
    EpochMilliseconds,
    Array,

    /// <summary>
    /// objects:a.b — a value, or each value of an array, becomes an object with the value at path
    /// a.b, in an array: "T1110" becomes [{"a":{"b":"T1110"}}]. For schema fields that are lists
    /// of objects (OCSF related_events, attacks) fed from a plain value or list.
    /// </summary>
    Objects,
}

/// <summary>One map or const line: where its value goes and how it is transformed.</summary>
internal sealed class MapRule
{
    public MapRule(int index, string source, int leaf, string? group, byte[]? constant)
    {
        Index = index;
        Source = source;
        Leaf = leaf;
        Group = group;
        Constant = constant;
    }

    public int Index { get; }

    public string Source { get; }

    public int Leaf { get; }

    public string? Group { get; }

    public byte[]? Constant { get; }

    public TransformKind Kind { get; set; }

    public ValueTable? Table { get; set; }

    /// <summary>For <see cref="TransformKind.Objects"/>: the property names from the outer object in.</summary>
    public JsonEncodedText[]? ObjectPath { get; set; }
}

/// <summary>Okta value (compared as its JSON text, quotes included, so no string is allocated) to schema value.</summary>
internal sealed class ValueTable
{
    private readonly List<(byte[] Key, byte[] Value)> _rows = new();

    public byte[]? Default { get; private set; }

    public void Add(string key, byte[] value)
    {
        if (key == "*") Default = value;
        else _rows.Add((JsonSerializer.SerializeToUtf8Bytes(key), value));
    }

    public byte[]? Lookup(ReadOnlySpan<byte> json)
    {
        foreach (var (key, value) in _rows)
        {
            if (json.SequenceEqual(key)) return value;
        }
        return Default;
    }
}

/// <summary>A source of the form target[Type].field (Type * = the first target).</summary>
internal sealed class SourceSelector
{
    private SourceSelector(string arrayPath, string? type, string field)
    {
        ArrayPath = arrayPath;
        Type = type;
        QuotedType = type == null ? null : JsonSerializer.SerializeToUtf8Bytes(type);
        Field = Encoding.UTF8.GetBytes(field);
    }

    public string ArrayPath { get; }

    public string? Type { get; }

    public byte[]? QuotedType { get; }

    public byte[] Field { get; }

    public MapRule Rule { get; set; } = null!;

    /// <summary>Where <see cref="Field"/> is in its array node's <see cref="SourceNode.SelectedFields"/>.</summary>
    public int FieldIndex { get; set; }

    public static SourceSelector? TryParse(string source)
    {
        var open = source.IndexOf('[');
        if (open < 0) return null;
        var close = source.IndexOf(']', open);
        if (close < 0 || close + 2 > source.Length || source[close + 1] != '.') throw new FormatException($"'{source}' is not of the form array[Type].field");
        var type = source.Substring(open + 1, close - open - 1);
        return new SourceSelector(source.Substring(0, open), type == "*" ? null : type, source.Substring(close + 2));
    }
}

/// <summary>A node of the source tree: an Okta field name and what to do when it is met.</summary>
internal sealed class SourceNode
{
    public SourceNode(string name)
    {
        Name = name;
        Utf8Name = Encoding.UTF8.GetBytes(name);
    }

    public string Name { get; }

    public byte[] Utf8Name { get; }

    public List<SourceNode> Children { get; } = new();

    public List<MapRule> Rules { get; } = new();

    public List<SourceSelector> Selectors { get; } = new();

    /// <summary>For an array with selectors: the element fields they read, "type" first, each once, so an element is read once.</summary>
    public List<byte[]> SelectedFields { get; } = new();

    /// <summary>The index of a field in <see cref="SelectedFields"/>, added if new.</summary>
    public int SelectedField(byte[] field)
    {
        if (SelectedFields.Count == 0) SelectedFields.Add(Encoding.UTF8.GetBytes("type"));
        for (var i = 0; i < SelectedFields.Count; i++)
        {
            if (SelectedFields[i].AsSpan().SequenceEqual(field)) return i;
        }
        SelectedFields.Add(field);
        return SelectedFields.Count - 1;
    }

    /// <summary>Also copy the original under the unmapped namespace (a mapping that loses detail, such as outcome.result to event.outcome).</summary>
    public bool Keep { get; set; }

    public bool IsEventType { get; set; }

    /// <summary><c>"name":</c> as the unmapped namespace writes this field's name (snake_case for ECS).</summary>
    public byte[] UnmappedProperty { get; private set; } = Array.Empty<byte>();

    /// <summary>The children by the length of their UTF-8 name, so a property name is compared with one or two of them.</summary>
    public SourceNode[][] ChildrenByLength { get; private set; } = Array.Empty<SourceNode[]>();

    /// <summary>Whether the node is an object of mapped fields (the walk goes into it).</summary>
    public bool HasChildren { get; private set; }

    /// <summary>
    /// Whether the value is also written under the unmapped namespace: it has no rule of its
    /// own, or only selectors take parts of it, or a keep line says so.
    /// </summary>
    public bool CopiedToUnmapped { get; private set; }

    /// <summary>Whether rules or selectors read the value.</summary>
    public bool IsPicked { get; private set; }

    public bool HasSelectors { get; private set; }

    /// <summary><see cref="Rules"/> as an array, for the loop run for every mapped value of every event.</summary>
    public MapRule[] RuleArray { get; private set; } = Array.Empty<MapRule>();

    /// <summary>Once the file is read: the unmapped names, the lookup by length and the flags the walk reads, at every level.</summary>
    public void Seal(UnmappedNames names)
    {
        HasChildren = Children.Count > 0;
        CopiedToUnmapped = Rules.Count == 0 || Selectors.Count > 0 || Keep;
        IsPicked = Rules.Count > 0 || Selectors.Count > 0;
        HasSelectors = Selectors.Count > 0;
        RuleArray = Rules.ToArray();
        UnmappedProperty = PropertyBytes(names.Encode(Name));
        var longest = Children.Count == 0 ? -1 : Children.Max(c => c.Utf8Name.Length);
        ChildrenByLength = Enumerable.Range(0, longest + 1).Select(n => Children.Where(c => c.Utf8Name.Length == n).ToArray()).ToArray();
        foreach (var c in Children) c.Seal(names);
    }

    /// <summary><c>"name":</c> for an encoded name.</summary>
    public static byte[] PropertyBytes(JsonEncodedText name)
    {
        var bytes = new byte[name.EncodedUtf8Bytes.Length + 3];
        bytes[0] = (byte)'"';
        name.EncodedUtf8Bytes.CopyTo(bytes.AsSpan(1));
        bytes[bytes.Length - 2] = (byte)'"';
        bytes[bytes.Length - 1] = (byte)':';
        return bytes;
    }

    public SourceNode? Child(string name)
    {
        foreach (var c in Children)
        {
            if (c.Name == name) return c;
        }
        return null;
    }
}

/// <summary>A node of the output tree: an object of fields or one field (a leaf).</summary>
internal sealed class TargetNode
{
    public TargetNode(string name)
    {
        Name = name;
    }

    public string Name { get; }

    /// <summary>
    /// What starts this member after another: <c>,"name":</c> for a field, <c>,"name":{</c> for an
    /// object (escaped); from index 1 when it is the first member.
    /// </summary>
    public byte[] Opening { get; private set; } = Array.Empty<byte>();

    public List<TargetNode> Children { get; } = new();

    public int LeafIndex { get; set; } = -1;

    /// <summary>Rule indexes that can fill this leaf, in file order; the first with a value wins.</summary>
    public List<int> Providers { get; } = new();

    public bool IsUnmappedRoot { get; set; }

    /// <summary><see cref="Children"/> as an array, for the loop that writes every event.</summary>
    public TargetNode[] ChildArray { get; private set; } = Array.Empty<TargetNode>();

    public void Seal()
    {
        var property = SourceNode.PropertyBytes(JsonEncodedText.Encode(Name));
        Opening = new byte[property.Length + (LeafIndex >= 0 ? 1 : 2)];
        Opening[0] = (byte)',';
        property.CopyTo(Opening, 1);
        if (LeafIndex < 0) Opening[Opening.Length - 1] = (byte)'{';
        ChildArray = Children.ToArray();
        foreach (var c in ChildArray) c.Seal();
    }
}

/// <summary>A class line: the constant fields for matching event types and the group that selects group rules.</summary>
internal sealed class EventClass
{
    public EventClass(string pattern, string? group)
    {
        Pattern = pattern;
        Group = group;
    }

    public string Pattern { get; }

    public string? Group { get; }

    public List<(int Leaf, byte[] Json)> Constants { get; } = new();

    /// <summary>How the output object of events of this class is written.</summary>
    public OutputPlan Output { get; set; } = null!;
}
