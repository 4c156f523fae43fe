using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using OktaIntegration.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Module;

/// <summary>
/// Import-Module reads OktaIntegration.dll's exported types (Assembly.GetExportedTypes) BEFORE it
/// runs our IModuleAssemblyInitializer, i.e. before the loader can resolve OktaIntegration.Core.
/// So no exported type may need Core just to be loaded. What does: a field (an auto-property's
/// backing field too) of a Core VALUE type, such as a parameter `public LogSortOrder SortOrder
/// { get; set; }` (the runtime needs the enum to lay the field out), or a base type or interface
/// from Core. Reference-typed fields and method bodies are fine. This test loads the assembly
/// where Core cannot be found, exactly as PowerShell meets it, and names each offending type.
/// </summary>
public sealed class LoadBeforeInitializerTests
{
    [Fact]
    public void ExportedTypesLoadWithoutOktaIntegrationCore()
    {
        var path = typeof(OktaCmdlet).Assembly.Location;
        var context = new CoreUnavailableContext();
        try
        {
            var assembly = context.LoadFromAssemblyPath(path);
            var failures = new List<string>();
            foreach (var name in PublicTypeNames(path))
            {
                try
                {
                    var type = assembly.GetType(name, throwOnError: true)!;
                    _ = type.GetInterfaces();
                    _ = type.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
                }
                catch (Exception ex) when (ex is TypeLoadException or FileNotFoundException or FileLoadException or TargetInvocationException)
                {
                    failures.Add(name);
                }
            }
            Assert.True(failures.Count == 0,
                "These public types need OktaIntegration.Core to load, so Import-Module fails before the isolation loader runs: "
                + string.Join(", ", failures) + ". Look for fields or auto-properties of Core enums/structs (e.g. a parameter typed "
                + "with a Core enum): back them with an object field (`private object? _x; public CoreEnum? X { get => (CoreEnum?)_x; set => _x = value; }`) "
                + "or use a type from the cmdlets assembly; and for base types or interfaces from Core, make the type internal.");
            Assert.NotEmpty(assembly.GetExportedTypes());
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Public and nested-public type names, read from metadata so nothing is loaded.</summary>
    private static IEnumerable<string> PublicTypeNames(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.TypeDefinitions)
        {
            var definition = reader.GetTypeDefinition(handle);
            var visibility = definition.Attributes & TypeAttributes.VisibilityMask;
            if (visibility != TypeAttributes.Public && visibility != TypeAttributes.NestedPublic) continue;
            var name = reader.GetString(definition.Name);
            var declaring = definition.GetDeclaringType();
            if (!declaring.IsNil)
            {
                var outer = reader.GetTypeDefinition(declaring);
                yield return $"{reader.GetString(outer.Namespace)}.{reader.GetString(outer.Name)}+{name}";
            }
            else
            {
                yield return $"{reader.GetString(definition.Namespace)}.{name}";
            }
        }
    }

    /// <summary>PowerShell's view at import time: the cmdlets assembly and PowerShell, but no Core.</summary>
    private sealed class CoreUnavailableContext : AssemblyLoadContext
    {
        public CoreUnavailableContext()
            : base("CoreUnavailable", isCollectible: true)
        {
        }

        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == "OktaIntegration.Core"
                ? throw new FileNotFoundException("OktaIntegration.Core is not resolvable before the module initializer runs.", assemblyName.Name)
                : null;
    }
}
