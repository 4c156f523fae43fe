using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Siem;

/// <summary>
/// How one event class's output object is written, worked out once when the mapping loads: the
/// target tree flattened into a list of steps. Walking the tree for every event decided, node by
/// node, whether a field had a value and whether an object stayed empty; most of those answers
/// are the same for every event of a class (constants, fields no rule of the class can fill,
/// objects holding a constant), so they are answered here. What is left per event is copying
/// runs of constant bytes (<c>{"ecs":{"version":"8.11.0"},"event":{"kind":"event",...</c> is one
/// run) and the values found, with a comma decision only where the members before could be absent.
/// The bytes are those the tree walk wrote: members in the tree's order, absent fields and empty
/// objects left out, the unmapped namespace after the mapped fields that live in it.
/// </summary>
internal sealed class OutputPlan
{
    private readonly PlanStep[] _steps;
    private readonly int _depth;

    private OutputPlan(PlanStep[] steps, int depth)
    {
        _steps = steps;
        _depth = depth;
    }

    /// <summary>The plan for the object <paramref name="root"/> for events of a class whose leaves' values come from <paramref name="sources"/>.</summary>
    public static OutputPlan For(TargetNode root, LeafSource[] sources)
    {
        var builder = new Builder(sources);
        builder.Literal("{"u8);
        builder.Members(root);
        builder.Literal("}"u8);
        builder.Flush();
        return new OutputPlan(builder.Steps.ToArray(), builder.MaxDepth);
    }

    /// <summary>Appends the output object of one event (its rule values and unmapped namespace in <paramref name="s"/>) to <see cref="NormalizerScratch.Output"/>.</summary>
    public void Write(NormalizerScratch s)
    {
        var marks = s.PlanMarks(_depth);
        var outerWrote = s.PlanWrote(_depth);
        var output = s.Output;
        var values = s.RuleValues;
        var steps = _steps;
        var open = 0;
        // Whether the object being written has a member yet; only read by steps whose Comma is IfWrote.
        var wrote = false;
        for (var i = 0; i < steps.Length; i++)
        {
            ref readonly var step = ref steps[i];
            var kind = step.Kind;
            if (kind == StepKind.Leaf)
            {
                var value = values[step.Rule];
                if (value.IsEmpty) value = step.NextValueIn(values);
                if (value.IsEmpty)
                {
                    if (step.Comma == CommaRule.Never) wrote = false; // the first possible member: nothing before it either
                    continue;
                }
                output.Append(step.Bytes.AsSpan(step.Skip(wrote)), value.Span);
                wrote = true;
                continue;
            }
            switch (kind)
            {
                case StepKind.Literal:
                    output.Append(step.Bytes);
                    break;
                case StepKind.Member:
                    output.Append(step.Bytes.AsSpan(step.Skip(wrote)));
                    wrote = true;
                    break;
                case StepKind.Open:
                    var skip = step.Skip(wrote);
                    marks[open] = output.Length;
                    outerWrote[open++] = skip == 0;
                    output.Append(step.Bytes.AsSpan(skip));
                    wrote = false;
                    break;
                case StepKind.Close:
                    open--;
                    if (wrote)
                    {
                        output.Append((byte)'}');
                    }
                    else
                    {
                        output.Truncate(marks[open]); // nothing in it: taken back, as if never opened
                        wrote = outerWrote[open];
                    }
                    break;
                case StepKind.Unmapped:
                    var unmapped = s.Unmapped.Bytes;
                    if (unmapped.Length == 0)
                    {
                        if (step.Comma == CommaRule.Never) wrote = false;
                        break;
                    }
                    if (step.Skip(wrote) == 0) output.Append((byte)',');
                    output.Append(unmapped.Span);
                    wrote = true;
                    break;
            }
        }
    }

    /// <summary>Whether a member of the output is there for an event of the class.</summary>
    private enum Presence
    {
        /// <summary>No rule of the class fills it and no constant: left out of the plan.</summary>
        Never,

        /// <summary>Depends on the event.</summary>
        Maybe,

        /// <summary>Always: a constant, or an object with a constant (or a field with a fallback constant) in it.</summary>
        Always,
    }

    /// <summary>Whether a member needs a comma before it: known when the plan is made, or decided by what this event wrote.</summary>
    private enum CommaRule : byte
    {
        Never,
        Always,
        IfWrote,
    }

    private enum StepKind : byte
    {
        /// <summary>Constant bytes (members whose presence and comma are known, braces).</summary>
        Literal,

        /// <summary>A constant member, or the opening of an object that is never empty, after members that may be absent.</summary>
        Member,

        /// <summary>A field whose value comes from the event's rules.</summary>
        Leaf,

        /// <summary>The opening of an object that may stay empty; its Close takes it back if it does.</summary>
        Open,

        Close,

        /// <summary>The unmapped namespace's members, after the mapped fields of its object.</summary>
        Unmapped,
    }

    /// <summary>One step; kept small (24 bytes), as the loop reads one per member of every event.</summary>
    private readonly struct PlanStep
    {
        private readonly byte _skipAfterMember;
        private readonly byte _skipFirst;

        public PlanStep(StepKind kind, CommaRule comma, byte[] bytes, LeafSource? source = null)
        {
            Kind = kind;
            Comma = comma;
            _skipAfterMember = comma == CommaRule.Never ? (byte)1 : (byte)0;
            _skipFirst = comma == CommaRule.Always ? (byte)0 : (byte)1;
            Bytes = bytes;
            Source = source;
            Rule = source is { Rules.Length: > 0 } ? source.Rules[0] : 0;
        }

        public StepKind Kind { get; }

        public CommaRule Comma { get; }

        /// <summary>Literal: the bytes. Member, Leaf, Open: what starts the member, with its leading comma (written from index 1 without it).</summary>
        public byte[] Bytes { get; }

        /// <summary>
        /// Leaf: the first rule that can fill it (most leaves have one, looked at without a loop);
        /// then the others of <see cref="Source"/>, then its constant; the first with a value wins.
        /// </summary>
        public int Rule { get; }

        /// <summary>Leaf: where its value comes from.</summary>
        public LeafSource? Source { get; }

        /// <summary>Where <see cref="Bytes"/> start for this member: 1 leaves out the leading comma; <paramref name="wrote"/>: whether the object has a member before it.</summary>
        public int Skip(bool wrote) => wrote ? _skipAfterMember : _skipFirst;

        /// <summary>The value when <see cref="Rule"/> found none.</summary>
        public ReadOnlyMemory<byte> NextValueIn(ReadOnlyMemory<byte>[] ruleValues)
        {
            var rules = Source!.Rules;
            for (var i = 1; i < rules.Length; i++)
            {
                if (!ruleValues[rules[i]].IsEmpty) return ruleValues[rules[i]];
            }
            return Source.Otherwise;
        }
    }

    /// <summary>Flattens the target tree for one class, tracking what is known about commas as it goes.</summary>
    private sealed class Builder
    {
        private readonly LeafSource[] _sources;
        private readonly List<byte> _literal = new();
        private int _depth;

        public Builder(LeafSource[] sources)
        {
            _sources = sources;
        }

        public List<PlanStep> Steps { get; } = new();

        public int MaxDepth { get; private set; }

        public void Literal(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes) _literal.Add(b);
        }

        /// <summary>The members of one object, which has none written yet.</summary>
        public void Members(TargetNode node)
        {
            var comma = CommaRule.Never;
            foreach (var child in node.ChildArray)
            {
                var presence = PresenceOf(child);
                if (presence == Presence.Never) continue;
                if (child.LeafIndex >= 0)
                {
                    var source = _sources[child.LeafIndex];
                    if (source.Rules.Length == 0)
                    {
                        Fixed(comma, Concat(child.Opening, source.Otherwise!)); // a constant
                    }
                    else
                    {
                        Add(new PlanStep(StepKind.Leaf, comma, child.Opening, source));
                    }
                }
                else if (presence == Presence.Always)
                {
                    Fixed(comma, child.Opening);
                    Members(child);
                    Literal("}"u8);
                }
                else
                {
                    Add(new PlanStep(StepKind.Open, comma, child.Opening));
                    MaxDepth = Math.Max(MaxDepth, ++_depth);
                    Members(child);
                    _depth--;
                    Add(new PlanStep(StepKind.Close, comma, Array.Empty<byte>()));
                }
                comma = presence == Presence.Always || comma == CommaRule.Always ? CommaRule.Always : CommaRule.IfWrote;
            }
            if (node.IsUnmappedRoot) Add(new PlanStep(StepKind.Unmapped, comma, Array.Empty<byte>()));
        }

        private Presence PresenceOf(TargetNode node)
        {
            if (node.LeafIndex >= 0)
            {
                var source = _sources[node.LeafIndex];
                if (source.Otherwise != null) return Presence.Always;
                return source.Rules.Length > 0 ? Presence.Maybe : Presence.Never;
            }
            var presence = node.IsUnmappedRoot ? Presence.Maybe : Presence.Never;
            foreach (var child in node.ChildArray)
            {
                var p = PresenceOf(child);
                if (p > presence) presence = p;
            }
            return presence;
        }

        /// <summary>A member that is always there: constant bytes when its comma is known, else a step that decides it.</summary>
        private void Fixed(CommaRule comma, byte[] withComma)
        {
            if (comma == CommaRule.IfWrote) Add(new PlanStep(StepKind.Member, comma, withComma));
            else Literal(comma == CommaRule.Always ? withComma : withComma.AsSpan(1));
        }

        /// <summary>Ends the run of constant bytes so far as one step.</summary>
        public void Flush()
        {
            if (_literal.Count == 0) return;
            Steps.Add(new PlanStep(StepKind.Literal, CommaRule.Never, _literal.ToArray()));
            _literal.Clear();
        }

        private void Add(PlanStep step)
        {
            Flush();
            Steps.Add(step);
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            var bytes = new byte[a.Length + b.Length];
            a.CopyTo(bytes, 0);
            b.CopyTo(bytes, a.Length);
            return bytes;
        }
    }
}
