using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using OktaIntegration.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Module;

/// <summary>src/OktaIntegration/Formats/*.format.ps1xml: a table view for every output type, naming only real properties.</summary>
public sealed class FormatViewTests
{
    private static IEnumerable<XElement> AllViews() => RepositoryPaths.FormatFiles.SelectMany(f => XDocument.Load(f).Descendants("View"));

    /// <summary>A public type of ours by full name (Core or cmdlets assembly), or null.</summary>
    internal static Type? FindType(string fullName) =>
        new[] { typeof(OktaCmdlet).Assembly, typeof(OktaIntegration.Core.Connection.OktaConnection).Assembly }
            .Select(a => a.GetType(fullName)).FirstOrDefault(t => t != null);

    private static IEnumerable<(string TypeName, XElement View)> ViewsByType() =>
        AllViews().Select(v => ((string)v.Element("ViewSelectedBy")!.Element("TypeName")!, v));

    /// <summary>
    /// The property behind each column: its PropertyName, or for a script-block column (used to
    /// format times) the "Property: X" comment before it when there is one. Script blocks
    /// without that comment are not checked here; the Pester suite renders every view.
    /// </summary>
    private static IEnumerable<string> ColumnProperties(XElement view) => view.Descendants("TableColumnItem").Select(item =>
    {
        var property = item.Element("PropertyName")?.Value;
        if (property != null) return property;
        var comment = (item.PreviousNode as XComment)?.Value.Trim();
        return comment != null && comment.StartsWith("Property: ", StringComparison.Ordinal) ? comment.Substring("Property: ".Length) : null;
    }).Where(p => p != null).Select(p => p!);

    [Fact]
    public void EveryOutputTypeHasAView()
    {
        var viewed = ViewsByType().Select(v => v.TypeName).ToHashSet(StringComparer.Ordinal);
        var missing = ModuleSurface.Cmdlets
            .SelectMany(c => c.OutputTypeNames.Select(t => (Cmdlet: c.Name, Type: t)))
            .Where(x => FindType(x.Type) != null && !viewed.Contains(x.Type))
            .Select(x => $"{x.Type} (written by {x.Cmdlet})")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, "Add a <View> to a file in src/OktaIntegration/Formats/ for: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryViewIsForAnExistingTypeAndNamesItsProperties()
    {
        var problems = new List<string>();
        foreach (var (typeName, view) in ViewsByType())
        {
            var type = FindType(typeName);
            if (type == null)
            {
                problems.Add($"view for unknown type {typeName}");
                continue;
            }
            foreach (var property in ColumnProperties(view))
            {
                if (type.GetProperty(property) == null) problems.Add($"{typeName} has no property {property}");
            }
            var headers = view.Descendants("TableColumnHeader").Count();
            var items = view.Descendants("TableColumnItem").Count();
            if (headers != items) problems.Add($"{typeName}: {headers} column headers but {items} column items");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void ViewsAreTablesWithUniqueNamesAndTheDefaultFirst()
    {
        var views = AllViews().ToList();
        Assert.NotEmpty(views);
        Assert.All(views, v => Assert.NotNull(v.Element("TableControl")));
        // A type may have further named views (Format-Table -View Detail); names are unique per type,
        // and the first view of a type, the default, is named after the type.
        var byType = ViewsByType().GroupBy(v => v.TypeName).ToList();
        foreach (var group in byType)
        {
            var names = group.Select(v => (string)v.View.Element("Name")!).ToList();
            Assert.Equal(names.Count, names.Distinct().Count());
            Assert.Equal(group.Key.Substring(group.Key.LastIndexOf('.') + 1), names[0]);
        }
    }

    [Fact]
    public void LogEventViewsShowTimeTypeOutcomeActorTargetAndADetailViewWithMessageIpAndUuid()
    {
        var views = ViewsByType().Where(v => v.TypeName == "OktaIntegration.Core.SystemLog.OktaLogEvent").Select(v => v.View).ToList();
        Assert.Equal(new[] { "Published", "EventType", "Outcome", "ActorAlternateId", "TargetDisplayName" }, ColumnProperties(views[0]));
        var detail = Assert.Single(views, v => (string)v.Element("Name")! == "Detail");
        Assert.Equal(new[] { "Published", "Outcome", "ClientIp", "DisplayMessage", "Uuid" }, ColumnProperties(detail));
    }
}
