using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;

// Usage: OktaIntegration.IsolationProbe <dependencies/core folder> <other Microsoft.IdentityModel.*.dll paths, joined by the path separator> <other-first|ours-first>
// Plays PowerShell 7 importing OktaIntegration next to a module that ships another
// Microsoft.IdentityModel.Tokens, in either order, and then makes Core sign a JWT. Prints
// "key=value" lines the xunit test asserts on; exit code 0 only when every step worked.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: <dependency folder> <other Microsoft.IdentityModel.*.dll paths> <other-first|ours-first>");
    return 2;
}
var dependencyFolder = args[0];
var otherTokens = args[1].Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
var otherFirst = args[2] == "other-first";

try
{
    if (otherFirst) LoadOther(otherTokens);

    // What the cmdlets assembly's IModuleAssemblyInitializer does on PowerShell 7.
    var isolation = Assembly.LoadFrom(System.IO.Path.Combine(dependencyFolder, "OktaIntegration.Isolation.dll"));
    var resolver = isolation.GetType("OktaIntegration.Isolation.CoreAssemblyResolver", throwOnError: true)!;
    resolver.GetMethod("Register")!.Invoke(null, new object[] { dependencyFolder });

    // A reference from the default context, as the cmdlets assembly's is.
    var core = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("OktaIntegration.Core"));
    Console.WriteLine($"core.context={AssemblyLoadContext.GetLoadContext(core)?.Name}");

    using var rsa = RSA.Create(2048);
    var jwt = SignClientAssertion(core, rsa.ExportPkcs8PrivateKeyPem());
    if (!otherFirst) LoadOther(otherTokens);
    // Signing again after the other version arrived must still use ours.
    var second = SignClientAssertion(core, rsa.ExportPkcs8PrivateKeyPem());

    Console.WriteLine($"jwt.verified={Verify(jwt, rsa) && Verify(second, rsa)}");
    foreach (var context in AssemblyLoadContext.All)
    {
        foreach (var assembly in context.Assemblies.Where(a => a.GetName().Name == "Microsoft.IdentityModel.Tokens"))
        {
            Console.WriteLine($"tokens={context.Name}|{assembly.GetName().Version}");
        }
    }
    return 0;
}
catch (Exception ex)
{
    Console.WriteLine($"error={ex.GetBaseException().GetType().Name}: {ex.GetBaseException().Message}");
    return 1;
}

static void LoadOther(string[] paths)
{
    // Another module's copies, loaded into the default context the way PowerShell loads a
    // module's RequiredAssemblies; GetTypes binds Tokens to its Logging and Abstractions, so
    // the other version is really in use, not just mapped.
    var loaded = paths.Select(p => AssemblyLoadContext.Default.LoadFromAssemblyPath(p)).ToList();
    var tokens = loaded.Single(a => a.GetName().Name == "Microsoft.IdentityModel.Tokens");
    Console.WriteLine($"other.loaded={tokens.GetName().Version} types={tokens.GetTypes().Length}");
}

static string SignClientAssertion(Assembly core, string pem)
{
    var loader = core.GetType("OktaIntegration.Core.Auth.PrivateKeyLoader", throwOnError: true)!;
    var key = loader.GetMethod("Load")!.Invoke(null, new object?[] { pem, "probe-key", "the probe's key" })!;
    var factoryType = core.GetType("OktaIntegration.Core.Auth.ClientAssertionFactory", throwOnError: true)!;
    var factory = Activator.CreateInstance(factoryType, "0oaProbeClient", key, null)!;
    return (string)factoryType.GetMethod("Create")!.Invoke(factory, new object[] { new Uri("https://probe.okta.com/oauth2/v1/token") })!;
}

static bool Verify(string jwt, RSA rsa)
{
    // Checked with the framework's RSA, not Microsoft.IdentityModel, so the check itself
    // does not depend on which Tokens version won.
    var parts = jwt.Split('.');
    if (parts.Length != 3) return false;
    var header = Encoding.UTF8.GetString(Base64Url(parts[0]));
    var payload = Encoding.UTF8.GetString(Base64Url(parts[1]));
    return header.Contains("\"RS256\"") && payload.Contains("\"0oaProbeClient\"")
        && rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}

static byte[] Base64Url(string text)
{
    var s = text.Replace('-', '+').Replace('_', '/');
    return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
}
