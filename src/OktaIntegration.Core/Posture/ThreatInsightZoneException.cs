using System;

namespace OktaIntegration.Core.Posture;

/// <summary>A zone given to Set-OktaThreatInsight -ExcludeZone does not exist or is not an IP zone; nothing was written.</summary>
public sealed class ThreatInsightZoneException : Exception
{
    public ThreatInsightZoneException(string zone, bool notFound, string message)
        : base(message)
    {
        Zone = zone;
        NotFound = notFound;
    }

    public string Zone { get; }

    /// <summary>True when no zone has this id or name; false when it exists but is not an IP zone.</summary>
    public bool NotFound { get; }
}
