namespace OktaIntegration.Core.Detection;

/// <summary>
/// How urgent a finding is. Ordered, so PowerShell's <c>Where-Object Severity -ge High</c> and
/// <c>Sort-Object Severity</c> work on the values, not on their names.
/// </summary>
public enum ThreatSeverity
{
    Informational = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
