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
        ActionKind = action;
        Login = login;
        UserId = userId;
        Role = role;
        Reason = reason;
        OutcomeKind = RoleChangeOutcome.Planned;
    }

    // Action and Outcome are the enum names as strings, so ConvertTo-Json and Export-Csv write
    // "Grant" and "Applied" rather than 0 and 1; the engine works with the typed *Kind values.

    /// <summary>Grant, Revoke, CreateUser or RemoveUser (a <see cref="RoleChangeAction"/> name).</summary>
    public string Action => ActionKind.ToString();

    internal RoleChangeAction ActionKind { get; }

    public string Login { get; }

    /// <summary>The Okta user id when known (users found only in the target may have none).</summary>
    public string? UserId { get; }

    /// <summary>The role granted or revoked; null for CreateUser/RemoveUser.</summary>
    public string? Role { get; }

    public string Reason { get; }

    /// <summary>Planned, Applied, Failed or Skipped (a <see cref="RoleChangeOutcome"/> name).</summary>
    public string Outcome => OutcomeKind.ToString();

    internal RoleChangeOutcome OutcomeKind { get; set; }

    /// <summary>Why the change failed or was skipped.</summary>
    public string? Error { get; internal set; }

    /// <summary>The target's own description of where the change went (a file path, "script target").</summary>
    public string? Target { get; internal set; }

    /// <summary>Revocations and removals take access away: they are confirmed at High impact and count against -MaxRevocation.</summary>
    public bool IsHighImpact => ActionKind is RoleChangeAction.Revoke or RoleChangeAction.RemoveUser;

    /// <summary>"Grant 'Administrator' to jane@corp (00u…)" — the ShouldProcess text.</summary>
    public string Describe() => ActionKind switch
    {
        RoleChangeAction.Grant => $"Grant role '{Role}' to {Who}",
        RoleChangeAction.Revoke => $"Revoke role '{Role}' from {Who}",
        RoleChangeAction.CreateUser => $"Create user {Who}",
        RoleChangeAction.RemoveUser => $"Remove user {Who}",
        _ => Action,
    };

    private string Who => UserId != null ? $"{Login} ({UserId})" : Login;

    internal OktaRoleChange Clone() => new(ActionKind, Login, UserId, Role, Reason);

    public override string ToString() => $"{Outcome}: {Describe()} — {Reason}{(Error != null ? " — " + Error : string.Empty)}";
}
