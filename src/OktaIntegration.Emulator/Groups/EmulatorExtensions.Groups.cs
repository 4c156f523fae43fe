using Microsoft.Extensions.DependencyInjection;
using OktaIntegration.Emulator.Groups;

namespace OktaIntegration.Emulator;

internal static partial class EmulatorExtensions
{
    static partial void ConfigureGroups(IServiceCollection services, EmulatorOptions options) =>
        services.AddSingleton<GroupFaults>();
}
