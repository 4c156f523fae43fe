namespace OktaIntegration.Infrastructure;

public static partial class ErrorIds
{
    // Threat detection
    public const string InvalidThreatSettings = "OktaInvalidThreatSettings";
    public const string UnknownThreatRule = "OktaUnknownThreatRule";
    public const string ThreatStateInUse = "OktaThreatStateInUse";
    public const string ThreatStateMismatch = "OktaThreatStateMismatch";
    public const string ThreatStateDamaged = "OktaThreatStateDamaged";
    public const string EventFromOtherOrg = "OktaEventFromOtherOrg";
}
