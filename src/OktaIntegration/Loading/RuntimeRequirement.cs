using System;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace OktaIntegration.Loading;

/// <summary>
/// Which PowerShell the module can load in, decided before anything is loaded. The manifest says
/// PowerShellVersion 5.1 because Windows PowerShell 5.1 is supported (dependencies/desktop), but
/// a manifest cannot say "5.1, or 7.4 and later": the PowerShell 7 build (dependencies/core and
/// OktaIntegration.Isolation.dll) targets net8.0, and PowerShell 7.0-7.3 run on .NET Core 3.1,
/// .NET 5, 6 and 7, where loading it fails with "Could not load file or assembly
/// 'System.Runtime, Version=8.0.0.0'". The loader refuses those with a message that says what to
/// install instead. The decision is on the runtime, not on the PowerShell version, because the
/// runtime is what the assemblies need; the PowerShell version is only named in the message.
/// </summary>
public static class RuntimeRequirement
{
    /// <summary>The .NET the PowerShell 7 build targets (net8.0).</summary>
    public static readonly Version MinimumDotNet = new(8, 0);

    /// <summary>The first PowerShell that runs on <see cref="MinimumDotNet"/>.</summary>
    public const string MinimumPowerShell = "7.4";

    /// <summary>
    /// Null when the module can load on this runtime; otherwise the reason, worded for the person
    /// who ran Import-Module. <paramref name="frameworkDescription"/> is
    /// RuntimeInformation.FrameworkDescription, <paramref name="runtimeVersion"/> Environment.Version.
    /// </summary>
    public static string? RefusalFor(string frameworkDescription, Version runtimeVersion, string? powerShellVersion)
    {
        if (frameworkDescription == null) throw new ArgumentNullException(nameof(frameworkDescription));
        if (runtimeVersion == null) throw new ArgumentNullException(nameof(runtimeVersion));

        // Windows PowerShell 5.1 loads the netstandard2.0 build from dependencies/desktop;
        // the manifest's DotNetFrameworkVersion already asks for 4.7.2.
        if (frameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase)) return null;
        if (runtimeVersion >= MinimumDotNet) return null;

        var running = string.IsNullOrEmpty(powerShellVersion) ? "this PowerShell" : "PowerShell " + powerShellVersion;
        return $"OktaIntegration needs PowerShell {MinimumPowerShell} or later (it is built for .NET {MinimumDotNet.Major}), "
            + $"or Windows PowerShell 5.1; {running} runs on {frameworkDescription.Trim()}. "
            + $"Install PowerShell {MinimumPowerShell} or later (https://aka.ms/powershell) and import the module there.";
    }

    /// <summary>
    /// The running PowerShell's version as people know it ("7.2.24"): System.Management.Automation's
    /// informational version without its commit suffix, or its assembly version when that is missing.
    /// </summary>
    internal static string PowerShellVersion()
    {
        var assembly = typeof(PSObject).Assembly;
        var informational = assembly.GetCustomAttributes(typeof(AssemblyInformationalVersionAttribute), false)
            .OfType<AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
        if (!string.IsNullOrWhiteSpace(informational))
        {
            return informational!.Split(' ', '+')[0];
        }
        var version = assembly.GetName().Version;
        return version == null ? string.Empty : version.ToString(3);
    }
}
