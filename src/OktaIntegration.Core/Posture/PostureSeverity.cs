namespace OktaIntegration.Core.Posture;

/// <summary>How urgent a posture finding is. Warning marks a configuration to review rather than a proven weakness.</summary>
public enum PostureSeverity
{
    Warning = 1,
    Low = 2,
    Medium = 3,
    High = 4,
    Critical = 5,
}
