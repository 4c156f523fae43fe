using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.Core.RoleSync;

/// <summary>The changes that bring the target in step with Okta, in the order they are applied, and the guardrail figures.</summary>
public sealed class SyncPlan
{
    internal SyncPlan(IReadOnlyList<OktaRoleChange> changes, int currentAssignments, RevocationLimit limit, IReadOnlyList<string> excludedUsersSeen)
    {
        Changes = changes;
        CurrentAssignments = currentAssignments;
        Limit = limit;
        ExcludedUsersSeen = excludedUsersSeen;
    }

    /// <summary>CreateUser, then Grant, then Revoke, then RemoveUser; each group sorted by login and role.</summary>
    public IReadOnlyList<OktaRoleChange> Changes { get; }

    /// <summary>Role assignments the target holds now (excluded users not counted).</summary>
    public int CurrentAssignments { get; }

    public RevocationLimit Limit { get; }

    public int Revocations => Changes.Count(c => c.ActionKind == RoleChangeAction.Revoke);

    public int AllowedRevocations => Limit.Allowed(CurrentAssignments);

    public bool ExceedsRevocationLimit => Revocations > AllowedRevocations;

    /// <summary>Users matched by -ExcludeUser that the plan would otherwise have looked at.</summary>
    public IReadOnlyList<string> ExcludedUsersSeen { get; }

    public bool IsEmpty => Changes.Count == 0;
}
