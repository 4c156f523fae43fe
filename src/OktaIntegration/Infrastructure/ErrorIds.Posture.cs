namespace OktaIntegration.Infrastructure;

public static partial class ErrorIds
{
    // Identity posture (Get-OktaUser, Get-OktaUserFactor, Get-OktaAdminAssignment, Get-OktaApiToken, Get-/Set-OktaThreatInsight, Test-OktaPosture)
    public const string ZoneNotIp = "OktaZoneNotIp";
    public const string PostureCheckSkipped = "OktaPostureCheckSkipped";
}
