using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace OktaIntegration.Loading;

/// <summary>
/// Picks the isolation mechanism for the running edition. The module ships Core twice, under
/// dependencies/core (net8.0, PowerShell 7) and dependencies/desktop (netstandard2.0 with
/// System.Text.Json and friends, Windows PowerShell 5.1). Neither folder is on PowerShell's
/// probing path, so Core can only arrive through the handler registered here:
/// <list type="bullet">
/// <item>PowerShell 7: OktaIntegration.Isolation.dll (net8.0, ours, framework-only) is loaded by
/// reflection and hooks AssemblyLoadContext.Default.Resolving for OktaIntegration.Core, which it
/// loads into a private AssemblyLoadContext that resolves Core's dependencies from its folder.</item>
/// <item>Windows PowerShell 5.1: <see cref="DesktopAssemblyResolver"/> answers AppDomain.AssemblyResolve,
/// only for Core and for requests made by our own assemblies.</item>
/// </list>
/// PowerShell 7.0-7.3 are refused first, with a clear message (<see cref="RuntimeRequirement"/>).
/// </summary>
internal static class DependencyLoader
{
    internal const string DependencyFolder = "dependencies";
    private const string IsolationAssembly = "OktaIntegration.Isolation.dll";
    private const string IsolationResolverType = "OktaIntegration.Isolation.CoreAssemblyResolver";

    private static readonly object Gate = new();
    private static DesktopAssemblyResolver? _desktop;
    private static Type? _isolationResolver;

    internal static bool IsDesktop => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder holding OktaIntegration.dll (the module root).</summary>
    internal static string ModuleDirectory => Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location)!;

    /// <summary>dependencies/core or dependencies/desktop under the module root, by edition.</summary>
    internal static string EditionDirectory => Path.Combine(ModuleDirectory, DependencyFolder, IsDesktop ? "desktop" : "core");

    public static void Register()
    {
        // Before anything is loaded: on PowerShell 7.0-7.3 (.NET Core 3.1 to .NET 7) the net8.0
        // loader below would fail with an obscure assembly-load error. Import-Module shows this
        // message instead, and the module is not imported (RuntimeRequirement says why).
        var refusal = RuntimeRequirement.RefusalFor(RuntimeInformation.FrameworkDescription, Environment.Version, RuntimeRequirement.PowerShellVersion());
        if (refusal != null) throw new PlatformNotSupportedException(refusal);

        lock (Gate)
        {
            var directory = EditionDirectory;
            if (!Directory.Exists(directory))
            {
                // Loaded straight from a build folder (xunit's hosted engine): Core sits next to
                // us and ordinary probing finds it, so there is nothing to isolate.
                return;
            }
            if (IsDesktop)
            {
                _desktop ??= new DesktopAssemblyResolver(ModuleDirectory, directory);
                _desktop.Register();
                return;
            }
            _isolationResolver ??= Assembly.LoadFrom(Path.Combine(directory, IsolationAssembly)).GetType(IsolationResolverType, throwOnError: true);
            _isolationResolver!.GetMethod("Register", new[] { typeof(string) })!.Invoke(null, new object[] { directory });
        }
    }

    public static void Unregister()
    {
        lock (Gate)
        {
            _desktop?.Unregister();
            _isolationResolver?.GetMethod("Unregister", Type.EmptyTypes)!.Invoke(null, null);
        }
    }
}
