namespace OktaIntegration.Core.Siem;

/// <summary>The shape events are sent in: Okta's own JSON unchanged, or one of the normalized schemas.</summary>
public enum SiemSchema
{
    /// <summary>Okta's event JSON exactly as Okta sent it.</summary>
    Raw,

    /// <summary>Elastic Common Schema, as Elastic's Okta integration maps it; the rest under okta.*.</summary>
    Ecs,

    /// <summary>Open Cybersecurity Schema Framework, one class per event type; the rest under unmapped.</summary>
    Ocsf,

    /// <summary>Microsoft Sentinel's ASIM (Authentication schema for sign-ins, common fields for all); the rest in AdditionalFields.</summary>
    Asim,
}
