using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OktaIntegration.Emulator.Users;

namespace OktaIntegration.Emulator;

internal static partial class EmulatorExtensions
{
    /// <summary>The response-action journal, and a System Log sink unless another family (the System Log store) registered one.</summary>
    static partial void ConfigureUsers(IServiceCollection services, EmulatorOptions options)
    {
        services.TryAddSingleton<ISystemLogSink, InMemorySystemLogSink>();
        services.AddSingleton<ResponseActionJournal>();
    }
}
