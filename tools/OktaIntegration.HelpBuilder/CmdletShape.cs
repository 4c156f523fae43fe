using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace OktaIntegration.HelpBuilder;

/// <summary>
/// What the cmdlet classes themselves say (name, parameter sets, types, pipeline binding,
/// aliases, output types), read with PowerShell's own CommandMetadata, so the help never
/// disagrees with the binder. Markdown supplies only the words.
/// </summary>
public sealed record CmdletShape(
    string Name,
    Type Type,
    string Verb,
    string Noun,
    bool SupportsShouldProcess,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<ParameterShape> Parameters,
    IReadOnlyList<string> OutputTypeNames)
{
    public const string AllSets = "__AllParameterSets";

    /// <summary>Parameters every cmdlet gets from PowerShell; Get-Help explains them (about_CommonParameters).</summary>
    public static readonly IReadOnlyCollection<string> CommonParameterNames = new HashSet<string>(
        Cmdlet.CommonParameters.Concat(Cmdlet.OptionalCommonParameters), StringComparer.OrdinalIgnoreCase);

    /// <summary>Every public, non-abstract cmdlet class in <paramref name="assembly"/>, by name.</summary>
    public static IReadOnlyList<CmdletShape> FromAssembly(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && typeof(Cmdlet).IsAssignableFrom(t) && t.GetCustomAttribute<CmdletAttribute>() != null)
            .Select(FromType)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

    public static CmdletShape FromType(Type type)
    {
        var attribute = type.GetCustomAttribute<CmdletAttribute>()!;
        var metadata = new CommandMetadata(type);
        var parameters = metadata.Parameters.Values
            .Where(p => !CommonParameterNames.Contains(p.Name))
            .Select(p => new ParameterShape(
                p.Name,
                p.ParameterType,
                p.Aliases.ToList(),
                type.GetProperty(p.Name)?.GetCustomAttribute<SupportsWildcardsAttribute>() != null,
                p.ParameterSets.Select(s => new ParameterSetUse(s.Key, s.Value.IsMandatory, s.Value.Position,
                    s.Value.ValueFromPipeline, s.Value.ValueFromPipelineByPropertyName)).ToList(),
                type.GetProperty(p.Name)?.GetCustomAttributes<ParameterAttribute>().Any(a => a.DontShow) == true))
            .OrderBy(p => p.Sets.Select(s => s.Position < 0 ? int.MaxValue : s.Position).Min())
            .ThenBy(p => p.Sets.Any(s => s.Mandatory) ? 0 : 1)
            .ToList();
        if (attribute.SupportsShouldProcess)
        {
            parameters.Add(ParameterShape.Switch("WhatIf", "wi"));
            parameters.Add(ParameterShape.Switch("Confirm", "cf"));
        }
        var sets = parameters.SelectMany(p => p.Sets).Select(s => s.SetName).Where(s => s != AllSets).Distinct().ToList();
        if (sets.Count == 0) sets.Add(AllSets);
        else if (attribute.DefaultParameterSetName != null && sets.Remove(attribute.DefaultParameterSetName)) sets.Insert(0, attribute.DefaultParameterSetName);
        var outputs = type.GetCustomAttributes<OutputTypeAttribute>()
            .SelectMany(o => o.Type)
            .Select(t => t.Type?.FullName ?? t.Name)
            .Where(n => n != typeof(void).FullName)
            .Distinct()
            .ToList();
        return new CmdletShape($"{attribute.VerbName}-{attribute.NounName}", type, attribute.VerbName, attribute.NounName,
            attribute.SupportsShouldProcess, sets, parameters, outputs);
    }

    /// <summary>The parameters that appear in <paramref name="setName"/> (its own and those of every set).</summary>
    public IEnumerable<(ParameterShape Parameter, ParameterSetUse Use)> ParametersIn(string setName) =>
        Parameters.Select(p => (p, p.Sets.FirstOrDefault(s => s.SetName == setName) ?? p.Sets.FirstOrDefault(s => s.SetName == AllSets)))
            .Where(x => x.Item2 != null)
            .Select(x => (x.p, x.Item2!));
}

public sealed record ParameterShape(
    string Name,
    Type Type,
    IReadOnlyList<string> Aliases,
    bool SupportsWildcards,
    IReadOnlyList<ParameterSetUse> Sets,
    bool DontShow)
{
    /// <summary>-WhatIf and -Confirm, which PowerShell adds to ShouldProcess cmdlets.</summary>
    public static ParameterShape Switch(string name, string alias) =>
        new(name, typeof(SwitchParameter), new[] { alias }, false,
            new[] { new ParameterSetUse(CmdletShape.AllSets, false, int.MinValue, false, false) }, false);

    public bool IsShouldProcessSwitch => Name is "WhatIf" or "Confirm";

    public bool IsMandatorySomewhere => Sets.Any(s => s.Mandatory);

    public bool FromPipeline => Sets.Any(s => s.ValueFromPipeline);

    public bool FromPipelineByPropertyName => Sets.Any(s => s.ValueFromPipelineByPropertyName);

    /// <summary>The position shown by Get-Help: the first set's position, or "named".</summary>
    public string PositionText
    {
        get
        {
            var position = Sets.Where(s => s.Position >= 0).Select(s => (int?)s.Position).FirstOrDefault();
            return position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named";
        }
    }
}

public sealed record ParameterSetUse(string SetName, bool Mandatory, int Position, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName);
