using System;
using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.Core.RoleSync;

/// <summary>
/// Applies a plan change by change, asking <c>approve</c> first (ShouldProcess), and records an
/// outcome for every change. A failed change does not stop the others, except those that
/// depend on it (grants to a user whose creation failed, removal of a user whose revocation
/// failed), which are Skipped. If the target can't commit, everything it had applied is Failed.
/// </summary>
public static class RoleSyncApplier
{
    public static IReadOnlyList<OktaRoleChange> Apply(SyncPlan plan, IRoleTarget target, Func<OktaRoleChange, ChangeApproval> approve)
    {
        var results = plan.Changes.Select(c =>
        {
            var copy = c.Clone();
            copy.Target = target.Description;
            return copy;
        }).ToList();
        var blockedUsers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var anyApplied = false;
        foreach (var change in results)
        {
            var key = change.UserId ?? change.Login;
            if (blockedUsers.Contains(key) && (change.ActionKind == RoleChangeAction.Grant || change.ActionKind == RoleChangeAction.RemoveUser))
            {
                change.OutcomeKind = RoleChangeOutcome.Skipped;
                change.Error = change.ActionKind == RoleChangeAction.Grant
                    ? "Not attempted: the user was not created in the target."
                    : "Not attempted: a revocation for this user did not complete.";
                continue;
            }

            var approval = approve(change);
            if (approval != ChangeApproval.Apply)
            {
                change.OutcomeKind = approval == ChangeApproval.WhatIf ? RoleChangeOutcome.Planned : RoleChangeOutcome.Skipped;
                if (approval == ChangeApproval.Declined) change.Error = "Declined at the confirmation prompt.";
                if (approval == ChangeApproval.Unconfirmable) change.Error = "Needs confirmation, which this session can't ask for; run with -Confirm:$false to apply changes unattended.";
                if (approval != ChangeApproval.WhatIf && change.ActionKind is RoleChangeAction.CreateUser or RoleChangeAction.Revoke) blockedUsers.Add(key);
                continue;
            }
            try
            {
                target.Apply(change);
                change.OutcomeKind = RoleChangeOutcome.Applied;
                anyApplied = true;
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception ex)
            {
                change.OutcomeKind = RoleChangeOutcome.Failed;
                change.Error = ex.Message;
                if (change.ActionKind is RoleChangeAction.CreateUser or RoleChangeAction.Revoke) blockedUsers.Add(key);
            }
        }

        if (anyApplied)
        {
            try
            {
                target.Commit();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                foreach (var change in results.Where(r => r.OutcomeKind == RoleChangeOutcome.Applied))
                {
                    change.OutcomeKind = RoleChangeOutcome.Failed;
                    change.Error = $"Applied but not saved: {ex.Message}";
                }
            }
        }
        return results;
    }
}
