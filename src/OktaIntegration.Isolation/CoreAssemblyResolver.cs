using System;
using System.Reflection;
using System.Runtime.Loader;

namespace OktaIntegration.Isolation;

/// <summary>
/// Hooks the default context's Resolving event and answers ONE question: where is
/// OktaIntegration.Core? The answer comes from <see cref="ModuleLoadContext"/>, so Core's own
/// references (Microsoft.IdentityModel.*) resolve inside that context and never meet the versions
/// Az, Microsoft.Graph or ExchangeOnlineManagement load into the default one. Every other name is
/// left to whoever else is listening. The cmdlets assembly calls <see cref="Register"/> and
/// <see cref="Unregister"/> by reflection (it is netstandard2.0 and cannot name these types).
/// </summary>
public static class CoreAssemblyResolver
{
    public const string CoreAssemblyName = "OktaIntegration.Core";

    private static readonly object Gate = new();
    private static ModuleLoadContext? _context;
    private static bool _registered;

    /// <summary>The private context, once registered (the same one for the life of the process).</summary>
    public static AssemblyLoadContext? Context => _context;

    /// <summary>Starts answering for OktaIntegration.Core from <paramref name="dependencyDirectory"/>. Idempotent.</summary>
    public static void Register(string dependencyDirectory)
    {
        lock (Gate)
        {
            // One context per process: a module re-imported after Remove-Module must get the
            // same Core it had, because the cmdlets assembly (not unloadable) is bound to it.
            _context ??= new ModuleLoadContext(dependencyDirectory);
            if (_registered) return;
            AssemblyLoadContext.Default.Resolving += OnResolving;
            _registered = true;
        }
    }

    /// <summary>Stops answering (Remove-Module). Core stays loaded: .NET cannot unload the default context's references.</summary>
    public static void Unregister()
    {
        lock (Gate)
        {
            if (!_registered) return;
            AssemblyLoadContext.Default.Resolving -= OnResolving;
            _registered = false;
        }
    }

    /// <summary>Loads Core through the private context (what the Resolving handler returns).</summary>
    public static Assembly LoadCore()
    {
        var context = _context ?? throw new InvalidOperationException("Register must be called first.");
        return context.LoadFromAssemblyName(new AssemblyName(CoreAssemblyName));
    }

    private static Assembly? OnResolving(AssemblyLoadContext requestingContext, AssemblyName name)
    {
        if (!string.Equals(name.Name, CoreAssemblyName, StringComparison.OrdinalIgnoreCase)) return null;
        return _context != null && _context.PathOf(name) != null ? LoadCore() : null;
    }
}
