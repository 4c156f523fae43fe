using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using OktaIntegration.HelpBuilder;
using Xunit;

namespace OktaIntegration.Tests.Module;

/// <summary>
/// Help completeness (docs/cmdlets/*.md against the cmdlet classes) and the MAML the build
/// generates from them. Failures name the cmdlet, the parameter and the file to edit.
/// </summary>
public sealed class HelpTests
{
    private static readonly XNamespace Maml = MamlWriter.MamlNamespace;
    private static readonly XNamespace Command = MamlWriter.CommandNamespace;
    private static readonly XNamespace Dev = MamlWriter.DevNamespace;
    private static readonly XNamespace Msh = MamlWriter.MshNamespace;

    private static readonly Lazy<System.Collections.Generic.IReadOnlyList<CmdletDoc>> Docs = new(() => CmdletDocParser.ParseDirectory(RepositoryPaths.CmdletDocs));

    [Fact]
    public void EveryCmdletParameterAndOutputTypeIsDocumented()
    {
        var problems = HelpCompleteness.Check(ModuleSurface.Cmdlets, Docs.Value);
        Assert.True(problems.Count == 0, "Help gaps:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void NoHelpForCmdletsThatDoNotExist()
    {
        var orphans = HelpCompleteness.DocsWithoutCmdlet(ModuleSurface.Cmdlets, Docs.Value).ToList();
        Assert.True(orphans.Count == 0, "docs/cmdlets has files for cmdlets that do not exist: " + string.Join(", ", orphans));
        Assert.All(Docs.Value, d => Assert.Equal(d.Name + ".md", Path.GetFileName(d.SourcePath)));
    }

    [Fact]
    public void GeneratedMamlDescribesEveryCmdletTheWayGetHelpReadsIt()
    {
        var xml = Generate();
        var root = xml.Root!;
        Assert.Equal(Msh + "helpItems", root.Name);
        Assert.Equal("maml", (string?)root.Attribute("schema"));
        var commands = root.Elements(Command + "command").ToList();
        Assert.Equal(ModuleSurface.Cmdlets.Select(c => c.Name), commands.Select(c => (string)c.Element(Command + "details")!.Element(Command + "name")!));

        foreach (var command in commands)
        {
            var name = (string)command.Element(Command + "details")!.Element(Command + "name")!;
            var shape = ModuleSurface.Cmdlet(name);
            Assert.False(string.IsNullOrWhiteSpace(command.Element(Command + "details")!.Element(Maml + "description")!.Value), $"{name}: empty synopsis");
            Assert.Equal(shape.Verb, (string)command.Element(Command + "details")!.Element(Command + "verb")!);
            Assert.Equal(shape.ParameterSets.Count, command.Element(Command + "syntax")!.Elements(Command + "syntaxItem").Count());

            var parameters = command.Element(Command + "parameters")!.Elements(Command + "parameter").ToList();
            var visible = shape.Parameters.Where(p => !p.DontShow).Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(visible, parameters.Select(p => (string)p.Element(Maml + "name")!));
            foreach (var parameter in parameters)
            {
                Assert.False(string.IsNullOrWhiteSpace(parameter.Element(Maml + "description")!.Value), $"{name} -{parameter.Element(Maml + "name")!.Value}: empty description");
                Assert.NotNull(parameter.Attribute("required"));
                Assert.NotNull(parameter.Attribute("pipelineInput"));
                Assert.NotNull(parameter.Element(Dev + "type"));
            }

            var examples = command.Element(Command + "examples")!.Elements(Command + "example").ToList();
            Assert.NotEmpty(examples);
            Assert.All(examples, e => Assert.False(string.IsNullOrWhiteSpace(e.Element(Dev + "code")!.Value)));
        }
    }

    [Fact]
    public void MamlCarriesBindingFactsFromTheCode()
    {
        var connect = Generate().Root!.Elements(Command + "command")
            .Single(c => (string)c.Element(Command + "details")!.Element(Command + "name")! == "Connect-OktaTenant");
        var orgUrl = connect.Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => (string)p.Element(Maml + "name")! == "OrgUrl");
        Assert.Equal("0", (string?)orgUrl.Attribute("position"));
        Assert.Equal("Domain, Org", (string?)orgUrl.Attribute("aliases"));
        Assert.Equal("System.String", orgUrl.Element(Dev + "type")!.Element(Maml + "name")!.Value);

        var disconnect = Generate().Root!.Elements(Command + "command")
            .Single(c => (string)c.Element(Command + "details")!.Element(Command + "name")! == "Disconnect-OktaTenant");
        var connection = disconnect.Element(Command + "parameters")!.Elements(Command + "parameter").Single();
        Assert.Equal("True (ByValue)", (string?)connection.Attribute("pipelineInput"));
    }

    [Fact]
    public void ParserNamesTheFileAndLineOfAMistake()
    {
        var error = Assert.Throws<FormatException>(() => CmdletDocParser.Parse("# Get-OktaThing\n\n## Synopsis\nx\n\n## Paramters\n", "/docs/Get-OktaThing.md"));
        Assert.Contains("Get-OktaThing.md:6", error.Message);
        Assert.Contains("## Paramters", error.Message);

        var noCode = Assert.Throws<FormatException>(() => CmdletDocParser.Parse("# A-B\n## Examples\n### Example 1: x\ntext only\n", "A-B.md"));
        Assert.Contains("no ```powershell code block", noCode.Message);
    }

    [Fact]
    public void ParserReadsEverySection()
    {
        var doc = CmdletDocParser.Parse(string.Join("\n",
            "# Get-OktaThing", "", "## Synopsis", "Gets things.", "", "## Description", "First", "paragraph.", "", "Second.", "",
            "## Parameters", "", "### -Name", "The `name`.", "", "## Inputs", "### System.String", "Names.", "",
            "## Outputs", "### Some.Type", "Things.", "", "## Examples", "### Example 1: Basic", "```powershell", "Get-OktaThing -Name x", "```", "Gets x.", "",
            "## Notes", "A note.", "", "## Related links", "- [about_OktaIntegration](https://example.com/about)", "- Get-OktaGroup"), "Get-OktaThing.md");

        Assert.Equal("Get-OktaThing", doc.Name);
        Assert.Equal("Gets things.", doc.Synopsis);
        Assert.Equal(new[] { "First paragraph.", "Second." }, doc.Description);
        Assert.Equal(new[] { "The `name`." }, doc.Parameters["Name"]);
        Assert.Equal("System.String", doc.Inputs.Single().TypeName);
        Assert.Equal("Some.Type", doc.Outputs.Single().TypeName);
        Assert.Equal("Get-OktaThing -Name x", doc.Examples.Single().Code);
        Assert.Equal(new[] { "Gets x." }, doc.Examples.Single().Remarks);
        Assert.Equal(new[] { "A note." }, doc.Notes);
        Assert.Equal(2, doc.RelatedLinks.Count);
        Assert.Equal("The name.", MamlWriter.Plain(doc.Parameters["Name"][0]));
    }

    [Fact]
    public void AboutTopicCoversAuthScopesCursorAndSiem()
    {
        var about = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "about_OktaIntegration.help.txt"));
        Assert.StartsWith("TOPIC", about);
        foreach (var heading in new[] { "CHOOSING HOW TO AUTHENTICATE", "LEAST-PRIVILEGE SCOPES PER CMDLET", "SCHEDULED TASKS WITH -CursorPath", "FORWARDING TO A SIEM" })
        {
            Assert.Contains(heading, about);
        }
        // Every cmdlet appears in the scope table, so a new cmdlet gets its least-privilege line.
        var scopes = about.Substring(about.IndexOf("LEAST-PRIVILEGE SCOPES PER CMDLET", StringComparison.Ordinal));
        scopes = scopes.Substring(0, scopes.IndexOf("SCHEDULED TASKS", StringComparison.Ordinal));
        var missing = ModuleSurface.Cmdlets.Where(c => c.Name != "Disconnect-OktaTenant" && !scopes.Contains(c.Name, StringComparison.Ordinal)).Select(c => c.Name).ToList();
        Assert.True(missing.Count == 0, "Add to the scope table in docs/about_OktaIntegration.help.txt: " + string.Join(", ", missing));
    }

    private static XDocument Generate()
    {
        using var stream = new MemoryStream();
        MamlWriter.Write(ModuleSurface.Cmdlets.Select(s => (s, (CmdletDoc?)Docs.Value.FirstOrDefault(d => d.Name == s.Name))), stream);
        stream.Position = 0;
        return XDocument.Load(stream);
    }
}
