using Microsoft.Extensions.DependencyInjection;

namespace OktaIntegration.Emulator;

/// <summary>
/// Services that API families add to the emulator (the System Log store, zones, …). Each family
/// implements its partial method in its own file, so families never edit each other's code.
/// </summary>
internal static partial class EmulatorExtensions
{
    public static void ConfigureServices(IServiceCollection services, EmulatorOptions options)
    {
        ConfigureSystemLog(services, options);
        ConfigureGroups(services, options);
        ConfigureUsers(services, options);
        ConfigureZones(services, options);
        ConfigureSiem(services, options);
        ConfigurePosture(services, options);
    }

    static partial void ConfigureSystemLog(IServiceCollection services, EmulatorOptions options);

    static partial void ConfigureGroups(IServiceCollection services, EmulatorOptions options);

    static partial void ConfigureUsers(IServiceCollection services, EmulatorOptions options);

    static partial void ConfigureZones(IServiceCollection services, EmulatorOptions options);

    static partial void ConfigureSiem(IServiceCollection services, EmulatorOptions options);
    static partial void ConfigurePosture(IServiceCollection services, EmulatorOptions options);
}
