using System;
using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.HelpBuilder;

/// <summary>
/// Compares the cmdlet classes with their markdown and names every gap precisely
/// ("Get-OktaGroup -Type: no '### -Type' in docs/cmdlets/Get-OktaGroup.md"), so whoever adds a
/// parameter knows exactly which paragraph to write.
/// </summary>
public static class HelpCompleteness
{
    public static IReadOnlyList<string> Check(IReadOnlyList<CmdletShape> shapes, IReadOnlyList<CmdletDoc> docs)
    {
        var problems = new List<string>();
        var byName = docs.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var shape in shapes)
        {
            var file = $"docs/cmdlets/{shape.Name}.md";
            if (!byName.TryGetValue(shape.Name, out var doc))
            {
                problems.Add($"{shape.Name}: no help; write {file} (format: docs/cmdlets/README.md).");
                continue;
            }
            if (string.IsNullOrWhiteSpace(doc.Synopsis)) problems.Add($"{shape.Name}: '## Synopsis' is empty in {file}.");
            if (doc.Description.Count == 0) problems.Add($"{shape.Name}: '## Description' is empty in {file}.");
            if (doc.Examples.Count == 0) problems.Add($"{shape.Name}: no example under '## Examples' in {file}.");
            foreach (var parameter in shape.Parameters.Where(p => !p.DontShow && !p.IsShouldProcessSwitch))
            {
                if (!doc.Parameters.TryGetValue(parameter.Name, out var text) || text.Count == 0)
                    problems.Add($"{shape.Name} -{parameter.Name}: not documented; add '### -{parameter.Name}' with a description to {file}.");
            }
            foreach (var documented in doc.Parameters.Keys)
            {
                if (!shape.Parameters.Any(p => string.Equals(p.Name, documented, StringComparison.OrdinalIgnoreCase)))
                    problems.Add($"{shape.Name} -{documented}: documented in {file} but the cmdlet has no such parameter.");
            }
            foreach (var output in shape.OutputTypeNames)
            {
                var entry = doc.Outputs.FirstOrDefault(o => string.Equals(o.TypeName, output, StringComparison.Ordinal));
                if (entry == null || entry.Description.Count == 0)
                    problems.Add($"{shape.Name}: output type {output} is not described; add '### {output}' under '## Outputs' in {file}.");
            }
        }
        return problems;
    }

    /// <summary>Docs whose cmdlet is not in the assembly (renamed, removed, or not merged yet).</summary>
    public static IReadOnlyList<string> DocsWithoutCmdlet(IReadOnlyList<CmdletShape> shapes, IReadOnlyList<CmdletDoc> docs) =>
        docs.Where(d => !shapes.Any(s => string.Equals(s.Name, d.Name, StringComparison.OrdinalIgnoreCase))).Select(d => d.Name).ToList();
}
