using System;

namespace OktaIntegration.Core.RoleSync;

/// <summary>A plan would revoke more than -MaxRevocation allows; nothing was changed.</summary>
public sealed class RevocationLimitExceededException : Exception
{
    public RevocationLimitExceededException(SyncPlan plan)
        : base($"The plan would revoke {plan.Revocations} role assignment(s) of the {plan.CurrentAssignments} the target holds, more than -MaxRevocation {plan.Limit} allows ({plan.AllowedRevocations}). Nothing was changed. Review the plan with -WhatIf -Force; if it is right, run again with -Force or a higher -MaxRevocation.")
    {
        Plan = plan;
    }

    public SyncPlan Plan { get; }
}
