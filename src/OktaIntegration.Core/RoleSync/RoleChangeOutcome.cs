namespace OktaIntegration.Core.RoleSync;

/// <summary>What happened to a planned change.</summary>
public enum RoleChangeOutcome
{
    /// <summary>Shown, not applied (-WhatIf).</summary>
    Planned,

    Applied,

    /// <summary>The target refused or the call failed; <see cref="OktaRoleChange.Error"/> says why.</summary>
    Failed,

    /// <summary>Not attempted: declined at a -Confirm prompt, or it depended on a change that failed.</summary>
    Skipped,
}
