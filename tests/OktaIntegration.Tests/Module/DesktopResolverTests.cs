using System;
using System.IO;
using System.Reflection;
using OktaIntegration.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Module;

/// <summary>
/// The Windows PowerShell 5.1 resolver (Loading/DesktopAssemblyResolver.cs) decides alone which
/// requests it answers; .NET Framework is not available here, so its decisions are driven
/// through its AssemblyResolve handler directly (the type is internal: reached by reflection).
/// It must answer for Core from anyone, for other files in its folder only when one of our
/// assemblies asks, and never for another module's request.
/// </summary>
public sealed class DesktopResolverTests : IDisposable
{
    private readonly string _moduleDirectory;
    private readonly string _dependencyDirectory;

    public DesktopResolverTests()
    {
        _moduleDirectory = Path.Combine(Path.GetTempPath(), "okta-resolver-" + Guid.NewGuid().ToString("N"));
        _dependencyDirectory = Path.Combine(_moduleDirectory, "dependencies", "desktop");
        Directory.CreateDirectory(_dependencyDirectory);
        foreach (var file in new[] { "OktaIntegration.Core.dll", "Microsoft.IdentityModel.Tokens.dll" })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, file), Path.Combine(_dependencyDirectory, file));
        }
    }

    [Fact]
    public void AnswersForCoreWhoeverAsks()
    {
        var resolved = Resolve(CreateResolver(_moduleDirectory), "OktaIntegration.Core, Version=0.1.0.0", requester: typeof(Assert).Assembly);

        Assert.NotNull(resolved);
        Assert.Equal(Path.Combine(_dependencyDirectory, "OktaIntegration.Core.dll"), resolved!.Location);
    }

    [Fact]
    public void IgnoresAnotherModulesRequestForAnAssemblyWeShip()
    {
        var resolved = Resolve(CreateResolver(_moduleDirectory), "Microsoft.IdentityModel.Tokens, Version=6.35.0.0", requester: typeof(Assert).Assembly);

        Assert.Null(resolved);
        Assert.Null(Resolve(CreateResolver(_moduleDirectory), "Microsoft.IdentityModel.Tokens, Version=6.35.0.0", requester: null));
    }

    [Fact]
    public void AnswersOurOwnAssembliesFromTheFolderWhateverVersionTheyAskFor()
    {
        // "Ours" means loaded from under the module folder; here the test assembly plays that part.
        var resolver = CreateResolver(AppContext.BaseDirectory);

        var first = Resolve(resolver, "Microsoft.IdentityModel.Tokens, Version=8.0.0.0", requester: typeof(DesktopResolverTests).Assembly);
        var second = Resolve(resolver, "Microsoft.IdentityModel.Tokens, Version=8.16.0.0", requester: typeof(DesktopResolverTests).Assembly);

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Equal(Path.Combine(_dependencyDirectory, "Microsoft.IdentityModel.Tokens.dll"), first!.Location);
    }

    [Fact]
    public void LeavesNamesItDoesNotShipToOthers()
    {
        var resolver = CreateResolver(AppContext.BaseDirectory);

        Assert.Null(Resolve(resolver, "Newtonsoft.Json, Version=13.0.0.0", requester: typeof(DesktopResolverTests).Assembly));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_moduleDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Loaded assemblies keep their files open on some systems; the temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static Type ResolverType => typeof(OktaCmdlet).Assembly.GetType("OktaIntegration.Loading.DesktopAssemblyResolver", throwOnError: true)!;

    private object CreateResolver(string moduleDirectory) =>
        Activator.CreateInstance(ResolverType, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null,
            new object[] { moduleDirectory, _dependencyDirectory }, null)!;

    private static Assembly? Resolve(object resolver, string name, Assembly? requester)
    {
        var handler = ResolverType.GetMethod("OnAssemblyResolve", BindingFlags.Instance | BindingFlags.NonPublic)!;
        return (Assembly?)handler.Invoke(resolver, new object?[] { null, new ResolveEventArgs(name, requester) });
    }
}
