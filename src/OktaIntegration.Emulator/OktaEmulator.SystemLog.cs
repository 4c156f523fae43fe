using Microsoft.Extensions.DependencyInjection;
using OktaIntegration.Emulator.SystemLog;

namespace OktaIntegration.Emulator;

public sealed partial class OktaEmulator
{
    /// <summary>The org's System Log: ground truth for tests and the switches that make it misbehave like Okta's.</summary>
    public LogEventStore SystemLog => _app.Services.GetRequiredService<LogEventStore>();
}
