using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Emulator.Posture;

namespace OktaIntegration.Emulator;

internal static partial class EmulatorExtensions
{
    /// <summary>Factors, admin roles, API tokens, group rules and ThreatInsight on top of the seeded users.</summary>
    static partial void ConfigurePosture(IServiceCollection services, EmulatorOptions options)
    {
        var org = (OrgState)services.First(d => d.ServiceType == typeof(OrgState)).ImplementationInstance!;
        PostureSeed.Populate(org);
    }
}
