using Microsoft.Extensions.DependencyInjection;
using OktaIntegration.Emulator.Groups;

namespace OktaIntegration.Emulator;

public sealed partial class OktaEmulator
{
    /// <summary>Group-specific failures (e.g. one member page that keeps failing).</summary>
    public GroupFaults GroupFaults => _app.Services.GetRequiredService<GroupFaults>();
}
