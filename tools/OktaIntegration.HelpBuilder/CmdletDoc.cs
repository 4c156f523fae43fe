using System.Collections.Generic;

namespace OktaIntegration.HelpBuilder;

/// <summary>One cmdlet's hand-written help, as read from docs/cmdlets/&lt;Cmdlet&gt;.md.</summary>
public sealed class CmdletDoc
{
    public string Name { get; set; } = string.Empty;

    public string SourcePath { get; set; } = string.Empty;

    public string Synopsis { get; set; } = string.Empty;

    public List<string> Description { get; } = new();

    /// <summary>Parameter name (without the dash) → its paragraphs.</summary>
    public Dictionary<string, List<string>> Parameters { get; } = new(System.StringComparer.OrdinalIgnoreCase);

    /// <summary>Input type name → paragraphs.</summary>
    public List<TypeDoc> Inputs { get; } = new();

    /// <summary>Output type name → paragraphs.</summary>
    public List<TypeDoc> Outputs { get; } = new();

    public List<ExampleDoc> Examples { get; } = new();

    public List<string> Notes { get; } = new();

    public List<string> RelatedLinks { get; } = new();
}

public sealed record TypeDoc(string TypeName, List<string> Description);

public sealed record ExampleDoc(string Title, string Code, List<string> Remarks);
