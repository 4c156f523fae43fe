using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Emulator.SystemLog;

namespace OktaIntegration.Emulator;

internal static partial class EmulatorExtensions
{
    // Built now rather than on the first request: a million seeded events take seconds to
    // generate, which must not land inside a client's first (timed) call.
    static partial void ConfigureSystemLog(IServiceCollection services, EmulatorOptions options)
    {
        var org = (OrgState)services.First(d => d.ServiceType == typeof(OrgState)).ImplementationInstance!;
        services.AddSingleton(new LogEventStore(options, org));
    }
}
