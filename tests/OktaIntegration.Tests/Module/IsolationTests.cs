using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using OktaIntegration.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Module;

/// <summary>
/// Proves the loader keeps OktaIntegration.Core's Microsoft.IdentityModel.* apart from another
/// module's version. Each case runs in a fresh process (OktaIntegration.IsolationProbe) whose
/// default load context is as clean as PowerShell's: the other version (7.7.3, as older Az and
/// Graph modules ship) goes into the default context, Core is loaded through the module's own
/// loader from the dependency folder build.ps1 produces, and Core signs a client assertion
/// that is then verified with the framework's RSA.
/// </summary>
public sealed class IsolationTests
{
    private const string OtherVersion = "7.7.3";

    [Theory]
    [InlineData("other-first")]
    [InlineData("ours-first")]
    public void CoreSignsWithItsOwnIdentityModelNextToAnotherVersion(string order)
    {
        var (exitCode, output) = RunProbe(order);

        Assert.True(exitCode == 0, $"The probe failed (exit {exitCode}):\n{output}");
        Assert.Contains("core.context=OktaIntegration", output);
        Assert.Contains("jwt.verified=True", output);
        var tokens = output.Split('\n').Where(l => l.StartsWith("tokens=", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        Assert.Contains($"tokens=Default|{OtherVersion}.0", tokens);
        Assert.Contains(tokens, t => t.StartsWith("tokens=OktaIntegration|8.", StringComparison.Ordinal));
        Assert.Equal(2, tokens.Count);
    }

    [Fact]
    public void CmdletsAssemblyReferencesNoIsolatedAssembly()
    {
        // Anything the cmdlets assembly references is resolved in PowerShell's shared context.
        // Only the framework facade, PowerShell itself and Core (which our loader redirects) may be there.
        var allowed = new[] { "netstandard", "System.Management.Automation", "OktaIntegration.Core" };
        var references = typeof(OktaCmdlet).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var unexpected = references.Where(r => !allowed.Contains(r, StringComparer.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, "OktaIntegration.dll must not reference " + string.Join(", ", unexpected)
            + ": move that code into OktaIntegration.Core, which loads in the private context.");
        Assert.Contains("OktaIntegration.Core", references);
    }

    [Fact]
    public void DependencyFolderHoldsCoreAndIdentityModelButTheModuleRootDoesNot()
    {
        var folder = DependencyFolder();
        foreach (var file in new[] { "OktaIntegration.Core.dll", "OktaIntegration.Isolation.dll", "Microsoft.IdentityModel.Tokens.dll", "Microsoft.IdentityModel.JsonWebTokens.dll" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} is missing from {folder}");
        }
    }

    private static string DependencyFolder() => Path.Combine(AppContext.BaseDirectory, "isolated-core");

    private static (int ExitCode, string Output) RunProbe(string order)
    {
        var packages = RepositoryPaths.BuildMetadata("OtherIdentityModelDirectory");
        var others = new[] { "Microsoft.IdentityModel.Abstractions", "Microsoft.IdentityModel.Logging", "Microsoft.IdentityModel.Tokens" }
            .Select(name => Path.Combine(packages, name.ToLowerInvariant(), OtherVersion, "lib", "net8.0", name + ".dll"))
            .ToList();
        foreach (var path in others) Assert.True(File.Exists(path), $"{path} was not restored (PackageDownload in OktaIntegration.Tests.csproj).");
        var probe = RepositoryPaths.BuildMetadata("IsolationProbe");
        Assert.True(File.Exists(probe), $"{probe} was not built.");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(probe);
        start.ArgumentList.Add(DependencyFolder());
        start.ArgumentList.Add(string.Join(Path.PathSeparator, others));
        start.ArgumentList.Add(order);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The isolation probe did not finish within a minute.");
        }
        return (process.ExitCode, stdout + stderr.GetAwaiter().GetResult());
    }
}
