namespace OktaIntegration.Core.SystemLog;

/// <summary>Coarse kinds of System Log activity, for SIEM routing and reports.</summary>
public enum LogEventCategory
{
    Other,
    Authentication,
    Session,
    MFA,
    UserLifecycle,
    Account,
    GroupMembership,
    Group,
    Privilege,
    ApplicationAccess,
    Application,
    OAuth,
    Policy,
    SecurityAlert,
    NetworkZone,
    Device,
    Directory,
    RateLimit,
    System,
}
