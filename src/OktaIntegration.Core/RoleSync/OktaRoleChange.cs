using System;

namespace OktaIntegration.Core.RoleSync;

/// <summary>
/// One change of a role sync and its outcome, as Sync-OktaGroupRole writes it. The Reason
/// says in words why the change is needed ("member of TL-Admins", "SUSPENDED in Okta").
/// </summary>
public sealed class OktaRoleChange
{
    internal OktaRoleChange(RoleChangeAction action, string login, string? userId, string? role, string reason)
    {
        Action = action;
        Login = login;
        UserId = userId;
        Role = role;
        Reason = reason;
        Outcome = RoleChangeOutcome.Planned;
    }

    public RoleChangeAction Action { get; }

    public string Login { get; }

    /// <summary>The Okta user id when known (users found only in the target may have none).</summary>
    public string? UserId { get; }

    /// <summary>The role granted or revoked; null for CreateUser/RemoveUser.</summary>
    public string? Role { get; }

    public string Reason { get; }

    public RoleChangeOutcome Outcome { get; internal set; }

    /// <summary>Why the change failed or was skipped.</summary>
    public string? Error { get; internal set; }

    /// <summary>The target's own description of where the change went (a file path, "script target").</summary>
    public string? Target { get; internal set; }

    /// <summary>Revocations and removals take access away: they are confirmed at High impact and count against -MaxRevocation.</summary>
    public bool IsHighImpact => Action is RoleChangeAction.Revoke or RoleChangeAction.RemoveUser;

    /// <summary>"Grant 'Administrator' to jane@corp (00u…)" — the ShouldProcess text.</summary>
    public string Describe() => Action switch
    {
        RoleChangeAction.Grant => $"Grant role '{Role}' to {Who}",
        RoleChangeAction.Revoke => $"Revoke role '{Role}' from {Who}",
        RoleChangeAction.CreateUser => $"Create user {Who}",
        RoleChangeAction.RemoveUser => $"Remove user {Who}",
        _ => Action.ToString(),
    };

    private string Who => UserId != null ? $"{Login} ({UserId})" : Login;

    internal OktaRoleChange Clone() => new(Action, Login, UserId, Role, Reason);

    public override string ToString() => $"{Outcome}: {Describe()} — {Reason}{(Error != null ? " — " + Error : string.Empty)}";
}
