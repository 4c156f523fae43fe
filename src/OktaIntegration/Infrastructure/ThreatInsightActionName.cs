namespace OktaIntegration.Infrastructure;

/// <summary>The -Action values (mirrors Core's ThreatInsightAction, declared here so tab completion and validation need no Core type).</summary>
public enum ThreatInsightActionName
{
    None = 0,
    Audit = 1,
    Block = 2,
}
