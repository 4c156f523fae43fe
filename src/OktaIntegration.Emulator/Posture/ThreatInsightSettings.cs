using System;
using System.Collections.Generic;
using OktaIntegration.Emulator.Data;

namespace OktaIntegration.Emulator.Posture;

/// <summary>The org's ThreatInsight configuration: action none, audit or block, and the zones it never acts on.</summary>
public sealed class ThreatInsightSettings
{
    public string Action { get; set; } = "audit";

    public List<string> ExcludeZones { get; set; } = new();

    public DateTimeOffset Created { get; set; } = DateTimeOffset.UtcNow.Date.AddDays(-400);

    public DateTimeOffset LastUpdated { get; set; } = DateTimeOffset.UtcNow.Date.AddDays(-400);

    public Dictionary<string, object?> ToJson(Uri baseUrl) => new()
    {
        ["action"] = Action,
        ["excludeZones"] = ExcludeZones.ToArray(),
        ["created"] = EmulatedUser.Iso(Created),
        ["lastUpdated"] = EmulatedUser.Iso(LastUpdated),
        ["_links"] = new Dictionary<string, object?>
        {
            ["self"] = new Dictionary<string, object?>
            {
                ["href"] = new Uri(baseUrl, "api/v1/threats/configuration").ToString(),
                ["hints"] = new Dictionary<string, object?> { ["allow"] = new[] { "GET", "POST" } },
            },
        },
    };
}
