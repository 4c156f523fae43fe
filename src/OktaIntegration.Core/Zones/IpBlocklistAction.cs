namespace OktaIntegration.Core.Zones;

/// <summary>What happened to one requested address.</summary>
public enum IpBlocklistAction
{
    /// <summary>Added to the blocklist.</summary>
    Added,

    /// <summary>Already blocked, by the same entry or by a wider one (see CoveredBy); nothing changed.</summary>
    AlreadyBlocked,

    /// <summary>Removed from the blocklist.</summary>
    Removed,

    /// <summary>Not in the blocklist; nothing changed.</summary>
    NotBlocked,

    /// <summary>Not listed on its own, but inside a wider entry that stays (see CoveredBy), so it remains blocked.</summary>
    StillBlockedByWiderEntry,
}
