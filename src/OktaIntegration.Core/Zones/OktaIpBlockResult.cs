using System;

namespace OktaIntegration.Core.Zones;

/// <summary>The outcome for one address of Block-OktaIpAddress or Unblock-OktaIpAddress.</summary>
public sealed class OktaIpBlockResult
{
    internal OktaIpBlockResult(string ipAddress, string entryType, IpBlocklistAction action, string? coveredBy, string zoneName, string zoneId, DateTimeOffset? changedAt)
    {
        IpAddress = ipAddress;
        EntryType = entryType;
        ActionKind = action;
        CoveredBy = coveredBy;
        ZoneName = zoneName;
        ZoneId = zoneId;
        ChangedAt = changedAt;
    }

    /// <summary>The canonical entry: "203.0.113.7", "203.0.113.0/24", "203.0.113.7-203.0.113.9".</summary>
    public string IpAddress { get; }

    /// <summary>CIDR or RANGE.</summary>
    public string EntryType { get; }

    /// <summary>
    /// Added, AlreadyBlocked, Removed, NotBlocked or StillBlockedByWiderEntry (an <see cref="IpBlocklistAction"/>
    /// name): a string so ConvertTo-Json and Export-Csv write the name, not a number.
    /// </summary>
    public string Action => ActionKind.ToString();

    internal IpBlocklistAction ActionKind { get; }

    /// <summary>The wider entry that already covers this address, if any.</summary>
    public string? CoveredBy { get; }

    public string ZoneName { get; }

    public string ZoneId { get; }

    /// <summary>When Okta accepted the zone update; null when nothing had to change.</summary>
    public DateTimeOffset? ChangedAt { get; }

    public override string ToString() => $"{IpAddress}: {Action}";
}
