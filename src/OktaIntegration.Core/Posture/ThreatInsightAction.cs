namespace OktaIntegration.Core.Posture;

/// <summary>What ThreatInsight does with requests from suspicious IPs (Okta's none, audit, block).</summary>
public enum ThreatInsightAction
{
    /// <summary>No detection at all.</summary>
    None,

    /// <summary>Log security.threat.detected, let the request through.</summary>
    Audit,

    /// <summary>Log and block.</summary>
    Block,
}
