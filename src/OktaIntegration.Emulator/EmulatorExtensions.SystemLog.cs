using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Emulator.SystemLog;
using OktaIntegration.Emulator.Users;

namespace OktaIntegration.Emulator;

internal static partial class EmulatorExtensions
{
    // Built now rather than on the first request: a million seeded events take seconds to
    // generate, which must not land inside a client's first (timed) call.
    static partial void ConfigureSystemLog(IServiceCollection services, EmulatorOptions options)
    {
        var org = (OrgState)services.First(d => d.ServiceType == typeof(OrgState)).ImplementationInstance!;
        var store = new LogEventStore(options, org);
        services.AddSingleton(store);
        // Admin actions (Revoke-OktaUserSession, Suspend-OktaUser, zone changes) log here, so they show up in GET /api/v1/logs.
        services.AddSingleton<ISystemLogSink>(store);
    }
}
