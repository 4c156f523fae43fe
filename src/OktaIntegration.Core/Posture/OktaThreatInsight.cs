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
        _ids = excludeZones;
        _names = excludeZoneNames;
        Created = created;
        LastUpdated = lastUpdated;
    }

    public ThreatInsightAction Action { get; }

    private readonly IReadOnlyList<string> _ids;
    private readonly IReadOnlyList<string> _names;

    /// <summary>Zone ids (nzo…) ThreatInsight ignores, comma-separated (a scalar, so Export-Csv writes it); GetExcludeZones() gives the list.</summary>
    public string ExcludeZones => string.Join(", ", _ids);

    /// <summary>The same zones by name (the id when the zone could not be read), comma-separated; GetExcludeZoneNames() gives the list.</summary>
    public string ExcludeZoneNames => string.Join(", ", _names);

    public IReadOnlyList<string> GetExcludeZones() => _ids;

    public IReadOnlyList<string> GetExcludeZoneNames() => _names;

    public DateTimeOffset? Created { get; }

    public DateTimeOffset? LastUpdated { get; }

    public override string ToString() => $"ThreatInsight: {Action}{(_names.Count > 0 ? " (except " + ExcludeZoneNames + ")" : string.Empty)}";
}
