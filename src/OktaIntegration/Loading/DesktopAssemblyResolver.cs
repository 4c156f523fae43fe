using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;

namespace OktaIntegration.Loading;

/// <summary>
/// Windows PowerShell 5.1 has one load context, so isolation there is a scoped AssemblyResolve
/// handler: it answers for OktaIntegration.Core, and for anything else only when one of OUR
/// assemblies asks and the file is in our dependency folder. Another module's request for
/// Microsoft.IdentityModel.* is never answered with ours, and ours are loaded with LoadFile so
/// they do not replace the versions already in the load context. Versions are ignored on
/// purpose: the folder holds exactly the set Core was built against, so this doubles as the
/// binding redirect .NET Framework would otherwise need.
/// </summary>
internal sealed class DesktopAssemblyResolver
{
    private const string CoreAssemblyName = "OktaIntegration.Core";

    private readonly string _moduleDirectory;
    private readonly string _dependencyDirectory;
    private readonly ConcurrentDictionary<string, Assembly> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private bool _registered;

    public DesktopAssemblyResolver(string moduleDirectory, string dependencyDirectory)
    {
        _moduleDirectory = Path.GetFullPath(moduleDirectory);
        _dependencyDirectory = dependencyDirectory;
    }

    public void Register()
    {
        if (_registered) return;
        AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
        _registered = true;
    }

    public void Unregister()
    {
        if (!_registered) return;
        AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
        _registered = false;
    }

    private Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        if (string.IsNullOrEmpty(name)) return null;
        var isCore = string.Equals(name, CoreAssemblyName, StringComparison.OrdinalIgnoreCase);
        if (!isCore && !IsOurs(args.RequestingAssembly)) return null;
        var path = Path.Combine(_dependencyDirectory, name + ".dll");
        if (!File.Exists(path)) return null;
        return _loaded.GetOrAdd(name!, _ => Assembly.LoadFile(path));
    }

    private bool IsOurs(Assembly? assembly)
    {
        if (assembly == null || assembly.IsDynamic) return false;
        var location = assembly.Location;
        return !string.IsNullOrEmpty(location) && location.StartsWith(_moduleDirectory, StringComparison.OrdinalIgnoreCase);
    }
}
