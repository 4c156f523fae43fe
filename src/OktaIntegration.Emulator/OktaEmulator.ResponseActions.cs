using Microsoft.Extensions.DependencyInjection;
using OktaIntegration.Emulator.Users;

namespace OktaIntegration.Emulator;

public sealed partial class OktaEmulator
{
    /// <summary>Sessions revoked, users suspended or resumed, zones rewritten, and the log events they produced.</summary>
    public ResponseActionJournal ResponseActions => _app.Services.GetRequiredService<ResponseActionJournal>();
}
