using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace OktaIntegration.Isolation;

/// <summary>
/// The private load context holding OktaIntegration.Core and the third-party assemblies it ships
/// with (Microsoft.IdentityModel.*). Anything found in the module's dependency folder is loaded
/// here, from there, whatever version another module already put in the default context; anything
/// else (the framework, PowerShell) falls back to the default context, so types such as
/// <see cref="string"/> stay shared.
/// </summary>
public sealed class ModuleLoadContext : AssemblyLoadContext
{
    private readonly string _dependencyDirectory;

    public ModuleLoadContext(string dependencyDirectory)
        : base("OktaIntegration", isCollectible: false)
    {
        _dependencyDirectory = dependencyDirectory;
    }

    public string DependencyDirectory => _dependencyDirectory;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = PathOf(assemblyName);
        return path != null ? LoadFromAssemblyPath(path) : null;
    }

    /// <summary>The file for <paramref name="assemblyName"/> in the dependency folder, or null when we don't ship it.</summary>
    internal string? PathOf(AssemblyName assemblyName)
    {
        if (string.IsNullOrEmpty(assemblyName.Name)) return null;
        var path = Path.Combine(_dependencyDirectory, assemblyName.Name + ".dll");
        return File.Exists(path) ? path : null;
    }
}
