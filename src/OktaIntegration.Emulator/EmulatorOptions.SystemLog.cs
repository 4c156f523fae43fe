using System;
using System.Collections.Generic;

namespace OktaIntegration.Emulator;

/// <summary>System Log settings of the emulated org.</summary>
public sealed partial class EmulatorOptions
{
    /// <summary>The seeded events are spread over this much time before startup (Okta keeps 90 days).</summary>
    public TimeSpan EventSpan { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How far an event's published time may precede its storage time, so polling order differs a little from published order.</summary>
    public int MaxPublishLagMs { get; set; } = 3000;

    /// <summary>Threat scenarios to plant (names from ThreatScenarioGenerator.All) among 11 days of benign sign-in traffic.</summary>
    public List<string> ThreatScenarios { get; } = new();

    /// <summary>Where the program writes the scenarios' ground truth (JSON), when set.</summary>
    public string? ScenarioLabelsPath { get; set; }
}
