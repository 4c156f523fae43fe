using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace OktaIntegration.Tests.Module;

/// <summary>Files of the repository the module tests read (manifest, format views, docs).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OktaIntegration.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No OktaIntegration.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootPath.Value;

    public static string Manifest => Path.Combine(Root, "OktaIntegration.psd1");

    /// <summary>The per-area view files build.ps1 combines into OktaIntegration.format.ps1xml.</summary>
    public static string[] FormatFiles => Directory.GetFiles(Path.Combine(Root, "src", "OktaIntegration", "Formats"), "*.format.ps1xml");

    public static string CmdletDocs => Path.Combine(Root, "docs", "cmdlets");

    public static string ErrorIdDoc => Path.Combine(Root, "docs", "error-ids.md");

    /// <summary>A value the test project's build recorded (see OktaIntegration.Tests.csproj).</summary>
    public static string BuildMetadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Build metadata {key} is empty.");
}
