using System.Collections.Generic;

namespace OktaIntegration.Core.Posture;

/// <summary>One posture check: a pure function from the snapshot to findings, plus what it needs read and what that costs.</summary>
public interface IPostureCheck
{
    /// <summary>The name -Check takes; findings may use more specific names (ApiTokenRisk writes ApiTokenAnyNetwork, …).</summary>
    string Name { get; }

    /// <summary>The parts of the snapshot it reads.</summary>
    PostureData Needs { get; }

    /// <summary>The calls it costs, in words, for the documentation.</summary>
    string RateLimitCost { get; }

    IEnumerable<OktaPostureFinding> Evaluate(PostureSnapshot snapshot);
}

/// <summary>Parts of the snapshot, so the auditor reads only what the selected checks need.</summary>
[System.Flags]
public enum PostureData
{
    None = 0,
    Admins = 1,
    AdminFactors = 2,
    ActiveUsers = 4,
    ApiTokens = 8,
    ThreatInsight = 16,
    GroupRules = 32,
}
