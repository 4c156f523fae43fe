using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Siem;

/// <summary>
/// Where one output field's value comes from for one event class: the first of its rules (in
/// file order, those of other classes' groups left out) that found a value, else a constant (a
/// const line, or the class's own field, which wins over everything). Worked out once per class
/// when the mapping loads, so an event only looks at the rules that can apply to it.
/// </summary>
internal sealed class LeafSource
{
    private LeafSource(int[] rules, byte[]? otherwise)
    {
        Rules = rules;
        Otherwise = otherwise;
    }

    /// <summary>The rules that can fill the field, in file order: the first that found a value wins.</summary>
    public int[] Rules { get; }

    /// <summary>The field's value when none of <see cref="Rules"/> found one (a constant), or null: the field is then absent.</summary>
    public byte[]? Otherwise { get; }

    /// <summary>One source per leaf of the mapping, for events of the class.</summary>
    public static LeafSource[] For(SchemaMapping mapping, EventClass cls)
    {
        var sources = new LeafSource[mapping.Leaves.Count];
        var rules = new List<int>();
        for (var leaf = 0; leaf < sources.Length; leaf++)
        {
            rules.Clear();
            byte[]? constant = null;
            foreach (var p in mapping.Leaves[leaf].Providers)
            {
                var rule = mapping.Rules[p];
                if (rule.Group != null && !string.Equals(rule.Group, cls.Group, StringComparison.Ordinal)) continue;
                if (rule.Constant != null)
                {
                    constant = rule.Constant; // always has a value: the rules after it never count
                    break;
                }
                rules.Add(p);
            }
            sources[leaf] = new LeafSource(rules.ToArray(), constant);
        }
        foreach (var (leaf, json) in cls.Constants) sources[leaf] = new LeafSource(Array.Empty<int>(), json);
        return sources;
    }
}
