using System.Management.Automation;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Loading;

/// <summary>
/// What Import-Module and Remove-Module run. Import hooks the dependency loader before any cmdlet
/// touches OktaIntegration.Core; Remove disposes this session's connections (their tokens and HTTP
/// handler) and unhooks the loader, so nothing of ours keeps answering assembly requests.
/// </summary>
public sealed class ModuleLifecycle : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport() => DependencyLoader.Register();

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        ConnectionRegistry.DisconnectAll();
        DependencyLoader.Unregister();
    }
}
