using System;
using System.Collections;
using System.Linq;
using System.Management.Automation.Language;
using Xunit;

namespace OktaIntegration.Tests.Module;

/// <summary>The source manifest OktaIntegration.psd1 (build.ps1 only stamps its version).</summary>
public sealed class ManifestTests
{
    private static Hashtable Manifest()
    {
        var ast = Parser.ParseFile(RepositoryPaths.Manifest, out _, out var errors);
        Assert.Empty(errors);
        var hashtable = ast.Find(a => a is HashtableAst, false) as HashtableAst;
        Assert.NotNull(hashtable);
        return (Hashtable)hashtable!.SafeGetValue();
    }

    private static string[] Strings(object? value) => value switch
    {
        null => Array.Empty<string>(),
        string s => new[] { s },
        object[] array => array.Select(o => o.ToString()!).ToArray(),
        _ => throw new InvalidOperationException($"Unexpected {value.GetType()}"),
    };

    [Fact]
    public void LoadsInBothEditionsFromFivePointOne()
    {
        var manifest = Manifest();
        Assert.Equal(new[] { "Desktop", "Core" }, Strings(manifest["CompatiblePSEditions"]));
        Assert.Equal("5.1", manifest["PowerShellVersion"]);
        Assert.Equal("OktaIntegration.dll", manifest["RootModule"]);
        Assert.Equal(new[] { "OktaIntegration.format.ps1xml" }, Strings(manifest["FormatsToProcess"]));
    }

    [Fact]
    public void LoadsNothingBeforeTheIsolationLoader()
    {
        var manifest = Manifest();
        foreach (var key in new[] { "RequiredAssemblies", "NestedModules", "ScriptsToProcess", "RequiredModules" })
        {
            Assert.True(!manifest.ContainsKey(key) || Strings(manifest[key]).Length == 0, $"{key} would load code before OktaIntegration's dependency loader; remove it.");
        }
    }

    [Fact]
    public void ExportsExactlyTheCmdletClasses()
    {
        var exported = Strings(Manifest()["CmdletsToExport"]).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var classes = ModuleSurface.Cmdlets.Select(c => c.Name).ToList();

        var notExported = classes.Except(exported, StringComparer.OrdinalIgnoreCase).ToList();
        Assert.True(notExported.Count == 0, "Add to CmdletsToExport in OktaIntegration.psd1: " + string.Join(", ", notExported));
        var noClass = exported.Except(classes, StringComparer.OrdinalIgnoreCase).ToList();
        Assert.True(noClass.Count == 0, "CmdletsToExport names cmdlets that do not exist: " + string.Join(", ", noClass));
        Assert.Equal(exported.Count, exported.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Empty(Strings(Manifest()["FunctionsToExport"]));
        Assert.Empty(Strings(Manifest()["AliasesToExport"]));
    }
}
