using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using OktaIntegration.Core.Siem;
using Xunit;

namespace OktaIntegration.Tests.Siem;

/// <summary>
/// The output object is written from a flat plan per event class (<see cref="OutputPlan"/>), with
/// presence and commas partly decided when the mapping loads: absent fields and empty objects
/// must still be left out, and commas stand exactly between the members written.
/// </summary>
public class OutputPlanTests
{
    // first: an object that may stay empty, before an object that never is (second, with a constant
    // after a field that may be absent); third: objects that may stay empty, one in another, which
    // the grp.* class fills with a constant; vendor: the unmapped namespace, with a mapped field;
    // fourth: a field whose rule wins over a constant.
    private const string Mapping = "schema\tEcs\nversion\ttest\nunmapped\tvendor\tsnake\n"
        + "map\ta\tfirst.x\nmap\tb\tsecond.y\nconst\tsecond.k\t\"K\"\nmap\tc\tthird.deep.z\nmap\td\tthird.w\n"
        + "map\teventType\tvendor.event_type\nmap\te\tfourth\nconst\tfourth\t\"F\"\n"
        + "class\tgrp.*\t-\t{\"third\":{\"deep\":{\"c\":1}}}\nclass\t*\t-\t{}\n";

    [Theory]
    [InlineData("x", "", false, """{"second":{"k":"K"},"fourth":"F"}""")]
    [InlineData("x", "a=1", false, """{"first":{"x":1},"second":{"k":"K"},"fourth":"F"}""")]
    [InlineData("x", "b=2 c=3", false, """{"second":{"y":2,"k":"K"},"third":{"deep":{"z":3}},"fourth":"F"}""")]
    [InlineData("x", "d=4", true, """{"second":{"k":"K"},"third":{"w":4},"vendor":{"q":1},"fourth":"F"}""")]
    [InlineData("x", "eventType=\"t\" e=5", true, """{"second":{"k":"K"},"vendor":{"event_type":"t","q":1},"fourth":5}""")]
    [InlineData("x", "eventType=\"t\"", false, """{"second":{"k":"K"},"vendor":{"event_type":"t"},"fourth":"F"}""")]
    [InlineData("grp.x", "", false, """{"second":{"k":"K"},"third":{"deep":{"c":1}},"fourth":"F"}""")]
    [InlineData("grp.x", "c=3 d=4", false, """{"second":{"k":"K"},"third":{"deep":{"z":3,"c":1},"w":4},"fourth":"F"}""")]
    public void Absent_fields_and_empty_objects_are_left_out_with_commas_only_between_members(string eventType, string values, bool unmapped, string expected)
    {
        var mapping = SchemaMapping.Parse("test.map", Mapping);
        var s = new NormalizerScratch(mapping);
        foreach (var pair in values.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (source, json) = (pair.Substring(0, pair.IndexOf('=')), pair.Substring(pair.IndexOf('=') + 1));
            s.RuleValues[mapping.Rules.Single(r => r.Source == source).Index] = Encoding.UTF8.GetBytes(json);
        }
        if (unmapped) s.Unmapped.BeginMember(new List<SourceNode>()).Append("\"q\":1"u8);
        s.Unmapped.Complete();
        mapping.ClassFor(eventType).Output.Write(s);
        Assert.Equal(expected, Encoding.UTF8.GetString(s.Output.Span.ToArray()));
    }

    public static readonly TheoryData<SiemSchema> Schemas = new(SiemSchema.Ecs, SiemSchema.Ocsf, SiemSchema.Asim);

    /// <summary>
    /// Every class of every mapping file, with random sets of rules holding values: the plan
    /// writes what the target tree, walked node by node, gives.
    /// </summary>
    [Theory]
    [MemberData(nameof(Schemas))]
    public void Every_class_writes_what_walking_the_target_tree_writes(SiemSchema schema)
    {
        var mapping = SchemaMapping.Load(SiemNormalizer.ResourceFor(schema));
        var random = new Random(20261129);
        foreach (var cls in mapping.Classes)
        {
            var sources = LeafSource.For(mapping, cls);
            for (var round = 0; round < 200; round++)
            {
                var s = new NormalizerScratch(mapping);
                // Rarely many values, often few, so that whole objects are both present and absent.
                var density = random.NextDouble();
                for (var rule = 0; rule < s.RuleValues.Length; rule++)
                {
                    if (random.NextDouble() < density) s.RuleValues[rule] = Encoding.UTF8.GetBytes("\"v" + rule + "\"");
                }
                if (random.Next(2) == 0) s.Unmapped.BeginMember(new List<SourceNode>()).Append("\"u\":[1]"u8);
                s.Unmapped.Complete();
                var expected = new StringBuilder("{");
                WriteMembers(mapping.TargetRoot, sources, s, expected);
                expected.Append('}');
                cls.Output.Write(s);
                Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(s.Output.Span.ToArray()));
            }
        }
    }

    /// <summary>The reference: a leaf when it has a value, an object when anything in it was written, the unmapped namespace after its mapped fields.</summary>
    private static bool WriteMembers(TargetNode node, LeafSource[] sources, NormalizerScratch s, StringBuilder to)
    {
        var wrote = false;
        foreach (var child in node.Children)
        {
            var name = Encoding.UTF8.GetString(child.Opening, 1, child.Opening.Length - 1);
            if (child.LeafIndex >= 0)
            {
                var source = sources[child.LeafIndex];
                var value = source.Rules.Select(r => s.RuleValues[r]).FirstOrDefault(v => !v.IsEmpty);
                if (value.IsEmpty) value = source.Otherwise;
                if (value.IsEmpty) continue;
                to.Append(wrote ? "," : string.Empty).Append(name).Append(Encoding.UTF8.GetString(value.ToArray()));
            }
            else
            {
                var inner = new StringBuilder();
                if (!WriteMembers(child, sources, s, inner)) continue;
                to.Append(wrote ? "," : string.Empty).Append(name).Append(inner).Append('}');
            }
            wrote = true;
        }
        if (node.IsUnmappedRoot && s.Unmapped.Bytes.Length > 0)
        {
            to.Append(wrote ? "," : string.Empty).Append(Encoding.UTF8.GetString(s.Unmapped.Bytes.Span.ToArray()));
            wrote = true;
        }
        return wrote;
    }
}
