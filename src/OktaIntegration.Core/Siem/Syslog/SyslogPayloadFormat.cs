namespace OktaIntegration.Core.Siem.Syslog;

/// <summary>What the MSG part of each syslog message holds.</summary>
public enum SyslogPayloadFormat
{
    /// <summary>The event in the export's schema (Raw, Ecs, Ocsf, Asim) as one line of compact JSON.</summary>
    Json,

    /// <summary>ArcSight Common Event Format (CEF:0|Okta|System Log|...), mapped from Okta's own event whatever the schema.</summary>
    Cef,
}
