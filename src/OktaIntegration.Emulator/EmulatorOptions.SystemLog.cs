using System;

namespace OktaIntegration.Emulator;

/// <summary>System Log settings of the emulated org.</summary>
public sealed partial class EmulatorOptions
{
    /// <summary>The seeded events are spread over this much time before startup (Okta keeps 90 days).</summary>
    public TimeSpan EventSpan { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How far an event's published time may precede its storage time, so polling order differs a little from published order.</summary>
    public int MaxPublishLagMs { get; set; } = 3000;
}
