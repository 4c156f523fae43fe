using System;
using System.Runtime.InteropServices;
using OktaIntegration.Loading;
using Xunit;

namespace OktaIntegration.Tests.Module;

/// <summary>
/// The loader's decision on which PowerShell it can load in (Loading/RuntimeRequirement.cs). The
/// runtimes are the ones each PowerShell ships on: 7.0 on .NET Core 3.1, 7.1 on .NET 5, 7.2 on
/// .NET 6, 7.3 on .NET 7, 7.4 on .NET 8, 7.5 on .NET 9, 7.6 on .NET 10; Windows PowerShell 5.1 on
/// .NET Framework 4.x. Only 7.6 (this machine) can be run here; docs/module-layout.md says what
/// that leaves unverified.
/// </summary>
public sealed class RuntimeRequirementTests
{
    [Theory]
    [InlineData("7.0.13", ".NET Core 3.1.32", "3.1.32")]
    [InlineData("7.1.7", ".NET 5.0.17", "5.0.17")]
    [InlineData("7.2.24", ".NET 6.0.36", "6.0.36")]
    [InlineData("7.3.12", ".NET 7.0.20", "7.0.20")]
    public void RefusesPowerShellSevenBeforeSevenPointFourNamingWhatToInstall(string powerShell, string framework, string runtime)
    {
        var refusal = RuntimeRequirement.RefusalFor(framework, Version.Parse(runtime), powerShell);

        Assert.NotNull(refusal);
        Assert.Contains("needs PowerShell 7.4 or later", refusal);
        Assert.Contains("or Windows PowerShell 5.1", refusal);
        Assert.Contains($"PowerShell {powerShell} runs on {framework}", refusal);
        Assert.Contains("https://aka.ms/powershell", refusal);
    }

    [Theory]
    [InlineData("7.4.0", ".NET 8.0.0", "8.0.0")]
    [InlineData("7.4.11", ".NET 8.0.19", "8.0.19")]
    [InlineData("7.5.3", ".NET 9.0.9", "9.0.9")]
    [InlineData("7.6.9", ".NET 10.0.12", "10.0.12")]
    [InlineData("8.0.0", ".NET 11.0.0", "11.0.0")]
    public void LoadsOnPowerShellSevenPointFourAndLater(string powerShell, string framework, string runtime)
    {
        Assert.Null(RuntimeRequirement.RefusalFor(framework, Version.Parse(runtime), powerShell));
    }

    [Theory]
    [InlineData(".NET Framework 4.8.9290.0", "4.0.30319.42000")]
    [InlineData(".NET Framework 4.7.3416.0", "4.0.30319.42000")]
    public void LoadsOnWindowsPowerShellFivePointOneWhoseRuntimeVersionIsFour(string framework, string runtime)
    {
        // Environment.Version is 4.0.30319 on every .NET Framework 4.x: the framework name decides.
        Assert.Null(RuntimeRequirement.RefusalFor(framework, Version.Parse(runtime), "5.1.19041.6456"));
    }

    [Fact]
    public void SaysThisPowerShellWhenItsVersionIsUnknown()
    {
        var refusal = RuntimeRequirement.RefusalFor(".NET 6.0.36", new Version(6, 0, 36), null);

        Assert.Contains("this PowerShell runs on .NET 6.0.36", refusal);
    }

    [Fact]
    public void AcceptsTheRuntimeTheseTestsRunOn()
    {
        Assert.Null(RuntimeRequirement.RefusalFor(RuntimeInformation.FrameworkDescription, Environment.Version, "7.6.9"));
    }
}
