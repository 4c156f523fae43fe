using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OktaIntegration.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Module;

/// <summary>
/// What the PowerShell Gallery and Find-PSResource show from the source manifest: project,
/// license and help URIs under the one project home (HelpLinks.ProjectHome), tags, and the
/// files they point at (LICENSE, and the CHANGELOG.md section build.ps1 stamps as ReleaseNotes).
/// </summary>
public sealed class ManifestGalleryTests
{
    private static Hashtable Manifest()
    {
        var ast = Parser.ParseFile(RepositoryPaths.Manifest, out _, out var errors);
        Assert.Empty(errors);
        return (Hashtable)((HashtableAst)ast.Find(a => a is HashtableAst, false)!).SafeGetValue();
    }

    private static Hashtable PSData() => (Hashtable)((Hashtable)Manifest()["PrivateData"]!)["PSData"]!;

    [Fact]
    public void EveryUriIsHttpsUnderTheProjectHome()
    {
        var uris = new (string Key, object? Value)[]
        {
            ("ProjectUri", PSData()["ProjectUri"]),
            ("LicenseUri", PSData()["LicenseUri"]),
            ("HelpInfoUri", Manifest()["HelpInfoUri"]),
        };
        foreach (var (key, value) in uris)
        {
            var uri = Assert.IsType<string>(value);
            Assert.True(Uri.IsWellFormedUriString(uri, UriKind.Absolute), $"{key} is not an absolute URI: {uri}");
            Assert.Equal(Uri.UriSchemeHttps, new Uri(uri).Scheme);
            Assert.True(uri == HelpLinks.ProjectHome || uri.StartsWith(HelpLinks.ProjectHome + "/", StringComparison.Ordinal),
                $"{key} ({uri}) is not under HelpLinks.ProjectHome ({HelpLinks.ProjectHome})");
        }
        Assert.Equal(HelpLinks.ProjectHome, PSData()["ProjectUri"]);
    }

    [Fact]
    public void LicenseUriNamesTheMitLicenseFileOfTheRepository()
    {
        Assert.Equal(HelpLinks.ProjectHome + "/blob/main/LICENSE", PSData()["LicenseUri"]);
        var license = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "LICENSE"));
        Assert.StartsWith("MIT License", license);
        Assert.Contains("Permission is hereby granted, free of charge", license);
    }

    [Fact]
    public void TagsAreSingleWordsAndNameBothEditions()
    {
        var tags = ((object[])PSData()["Tags"]!).Cast<string>().ToList();
        Assert.NotEmpty(tags);
        Assert.All(tags, t => Assert.Matches(@"^[A-Za-z0-9_.-]+$", t));
        Assert.Contains("PSEdition_Desktop", tags);
        Assert.Contains("PSEdition_Core", tags);
        Assert.Contains("Okta", tags);
    }

    [Fact]
    public void ReleaseNotesIsAOneLinePlaceholderTheBuildCanStamp()
    {
        // build.ps1 replaces the single-quoted value of this line with the CHANGELOG.md section.
        var text = File.ReadAllText(RepositoryPaths.Manifest);
        Assert.Matches(new Regex(@"(?m)^\s*ReleaseNotes\s*=\s*'[^'\r\n]*'\s*$"), text);
    }

    [Fact]
    public void ChangelogHasANonEmptySectionForTheModuleVersion()
    {
        var props = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"));
        var version = props.Descendants("ModuleVersion").Single().Value;
        var changelog = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "CHANGELOG.md"));

        var section = Regex.Match(changelog, @"(?ms)^##\s+\[" + Regex.Escape(version) + @"\][^\n]*\n(?<body>.*?)(?=^##\s|\z)");
        Assert.True(section.Success, $"CHANGELOG.md needs a '## [{version}]' section for the version in Directory.Build.props; build.ps1 stamps it into ReleaseNotes.");
        Assert.False(string.IsNullOrWhiteSpace(section.Groups["body"].Value), $"The [{version}] section of CHANGELOG.md is empty.");
        Assert.Matches(@"(?m)^##\s+\[Unreleased\]", changelog);
    }
}
