using System;
using System.Collections.Generic;
using System.Text.Json;

namespace OktaIntegration.Core.Siem;

/// <summary>
/// One thread's working space for <see cref="SiemNormalizer"/>, reused event after event: the
/// values found per rule, the unmapped namespace as it is written, the output, and caches keyed
/// by UTF-8 bytes (at hundreds of thousands of events a second, a string per property name made
/// the collector, not the mapping, the largest cost).
/// </summary>
internal sealed class NormalizerScratch
{
    private const int MaxCachedNames = 4096;

    public NormalizerScratch(SchemaMapping mapping)
    {
        Mapping = mapping;
        RuleValues = new ReadOnlyMemory<byte>[mapping.Rules.Count];
    }

    /// <summary>The mapping this scratch is sized for.</summary>
    public SchemaMapping Mapping { get; }

    /// <summary>By rule index: the value the rule found in this event (a slice of it, or of <see cref="Transformed"/>), or empty.</summary>
    public ReadOnlyMemory<byte>[] RuleValues { get; }

    /// <summary>The mapped Okta objects the walk is in, outermost first.</summary>
    public List<SourceNode> Path { get; } = new(8);

    public UnmappedSection Unmapped { get; } = new();

    /// <summary>Unmapped values whose copy must be replayed for its error (see <see cref="UnmappedSection.AppendRenamed"/>); almost always empty.</summary>
    public List<ReadOnlyMemory<byte>> Replays { get; } = new();

    /// <summary>Values made by transforms (a value wrapped in a list ...).</summary>
    public Utf8Buffer Transformed { get; } = new(256);

    /// <summary>The normalized event, written to the caller's writer in one piece.</summary>
    public Utf8Buffer Output { get; } = new(4096);

    public ReadOnlyMemory<byte> EventType { get; set; }

    private ReadOnlyMemory<byte>[] _fieldValues = new ReadOnlyMemory<byte>[4];

    /// <summary>Room for the selected fields of one array element.</summary>
    public ReadOnlyMemory<byte>[] FieldValues(int count)
    {
        if (_fieldValues.Length < count) _fieldValues = new ReadOnlyMemory<byte>[count];
        return _fieldValues;
    }

    private int[] _planMarks = new int[8];
    private bool[] _planWrote = new bool[8];

    /// <summary>For <see cref="OutputPlan.Write"/>: where each open object that may stay empty started.</summary>
    public int[] PlanMarks(int depth) => _planMarks.Length >= depth ? _planMarks : _planMarks = new int[depth];

    /// <summary>For <see cref="OutputPlan.Write"/>: whether the object around each open one had a member before it.</summary>
    public bool[] PlanWrote(int depth) => _planWrote.Length >= depth ? _planWrote : _planWrote = new bool[depth];

    public Utf8KeyedCache<string> NameStrings { get; } = new(MaxCachedNames);

    public Utf8KeyedCache<EventClass> Classes { get; } = new(MaxCachedNames);

    public void Reset()
    {
        Array.Clear(RuleValues, 0, RuleValues.Length);
        Path.Clear();
        Unmapped.Clear();
        Replays.Clear();
        Transformed.Clear();
        Output.Clear();
        EventType = default;
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
}
