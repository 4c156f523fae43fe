using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using OktaIntegration.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Module;

/// <summary>
/// Get-Help -Online: every cmdlet class found by reflection (so cmdlets added on any branch are
/// covered) names its own page under docs/cmdlets/ through HelpLinks.Base.
/// </summary>
public sealed class HelpUriTests
{
    [Fact]
    public void EveryCmdletHasAHelpUriToItsOwnPageInDocsCmdlets()
    {
        Assert.NotEmpty(ModuleSurface.Cmdlets);
        var problems = ModuleSurface.Cmdlets
            .Select(cmdlet => (cmdlet.Name, Uri: cmdlet.Type.GetCustomAttribute<CmdletAttribute>()!.HelpUri))
            .Select(c => string.IsNullOrEmpty(c.Uri)
                ? $"{c.Name}: no HelpUri; add HelpUri = HelpLinks.Base + \"{c.Name}.md\" to its [Cmdlet] attribute"
                : c.Uri != HelpLinks.Base + c.Name + ".md"
                    ? $"{c.Name}: HelpUri is {c.Uri}, expected HelpLinks.Base + \"{c.Name}.md\""
                    : !File.Exists(Path.Combine(RepositoryPaths.CmdletDocs, c.Name + ".md"))
                        ? $"{c.Name}: HelpUri names docs/cmdlets/{c.Name}.md, which does not exist"
                        : null)
            .Where(p => p != null)
            .ToList();

        Assert.True(problems.Count == 0, "HelpUri problems:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void BaseIsTheDocsCmdletsFolderOfTheProjectHome()
    {
        Assert.StartsWith(HelpLinks.ProjectHome + "/", HelpLinks.Base);
        Assert.EndsWith("/docs/cmdlets/", HelpLinks.Base);
        Assert.True(Uri.IsWellFormedUriString(HelpLinks.Base, UriKind.Absolute));
        Assert.Equal(Uri.UriSchemeHttps, new Uri(HelpLinks.Base).Scheme);
        Assert.True(Directory.Exists(RepositoryPaths.CmdletDocs));
    }
}
