namespace OktaIntegration.Core.RoleSync;

/// <summary>The caller's answer for one change: ShouldProcess in the cmdlet, always Apply in plain library use.</summary>
public enum ChangeApproval
{
    Apply,

    /// <summary>-WhatIf: report the change as Planned.</summary>
    WhatIf,

    /// <summary>Declined at a confirmation prompt: report it as Skipped.</summary>
    Declined,

    /// <summary>Needed a confirmation the host could not ask for (a non-interactive session without -Confirm:$false): Skipped.</summary>
    Unconfirmable,
}
