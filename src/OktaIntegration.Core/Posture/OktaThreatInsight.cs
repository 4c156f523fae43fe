using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Posture;

/// <summary>The org's ThreatInsight configuration: the action and the network zones it never acts on (by id and, when known, name).</summary>
public sealed class OktaThreatInsight
{
    internal OktaThreatInsight(ThreatInsightAction action, IReadOnlyList<string> excludeZones, IReadOnlyList<string> excludeZoneNames,
        DateTimeOffset? created, DateTimeOffset? lastUpdated)
    {
        Action = action;
        ExcludeZones = excludeZones;
        ExcludeZoneNames = excludeZoneNames;
        Created = created;
        LastUpdated = lastUpdated;
    }

    public ThreatInsightAction Action { get; }

    /// <summary>Zone ids (nzo…) ThreatInsight ignores.</summary>
    public IReadOnlyList<string> ExcludeZones { get; }

    /// <summary>The same zones by name (the id when the zone could not be read).</summary>
    public IReadOnlyList<string> ExcludeZoneNames { get; }

    public DateTimeOffset? Created { get; }

    public DateTimeOffset? LastUpdated { get; }

    public override string ToString() => $"ThreatInsight: {Action}{(ExcludeZoneNames.Count > 0 ? " (except " + string.Join(", ", ExcludeZoneNames) + ")" : string.Empty)}";
}
