using System;

namespace OktaIntegration.Core.Posture;

/// <summary>
/// One admin role held by a user or a group (or, with -ExpandGroupMembers, by a member through
/// the group): role type and label, the custom role and resource set when there is one, and
/// whether it came through a group. <see cref="UserId"/> binds by property name to the user
/// cmdlets; it is empty for a group's own row.
/// </summary>
public sealed class OktaAdminAssignment
{
    internal OktaAdminAssignment(string assignmentId, string principalType, string principalId, string? principalName, string roleType, string? roleLabel,
        string? customRoleId, string? resourceSet, string? status, DateTimeOffset? created)
    {
        AssignmentId = assignmentId;
        PrincipalType = principalType;
        PrincipalId = principalId;
        PrincipalName = principalName;
        RoleType = roleType;
        RoleLabel = roleLabel;
        CustomRoleId = customRoleId;
        ResourceSet = resourceSet;
        Status = status;
        Created = created;
    }

    /// <summary>User or Group: who holds this row's role.</summary>
    public string PrincipalType { get; private set; }

    public string PrincipalId { get; private set; }

    /// <summary>The user's login or the group's name.</summary>
    public string? PrincipalName { get; private set; }

    /// <summary>SUPER_ADMIN, ORG_ADMIN, APP_ADMIN, USER_ADMIN, HELP_DESK_ADMIN, READ_ONLY_ADMIN, CUSTOM, …</summary>
    public string RoleType { get; }

    public string? RoleLabel { get; }

    /// <summary>For CUSTOM roles: the role's id (cr0…).</summary>
    public string? CustomRoleId { get; }

    /// <summary>For CUSTOM and IAM-based roles: the resource set (iam…) the role applies to.</summary>
    public string? ResourceSet { get; }

    /// <summary>True when the role is assigned to a group and this row is the group or one of its members.</summary>
    public bool ViaGroup { get; private set; }

    public string? GroupId { get; private set; }

    public string? GroupName { get; private set; }

    /// <summary>The user holding the role (directly or, for an expanded member, through <see cref="GroupName"/>).</summary>
    public string? UserId { get; private set; }

    public string? Login { get; private set; }

    /// <summary>The user's status (ACTIVE, SUSPENDED, …); empty for a group's own row.</summary>
    public string? UserStatus { get; private set; }

    public string AssignmentId { get; }

    /// <summary>The assignment's status (ACTIVE).</summary>
    public string? Status { get; }

    public DateTimeOffset? Created { get; }

    public bool IsSuperAdmin => string.Equals(RoleType, "SUPER_ADMIN", StringComparison.Ordinal);

    public override string ToString() => $"{RoleType} → {PrincipalName ?? PrincipalId}{(ViaGroup && UserId != null ? " via " + GroupName : string.Empty)}";

    internal static OktaAdminAssignment ForUser(OktaAdminAssignment role, string userId, string? login, string? status)
    {
        role.PrincipalType = "User";
        role.PrincipalId = userId;
        role.PrincipalName = login;
        role.UserId = userId;
        role.Login = login;
        role.UserStatus = status;
        return role;
    }

    internal static OktaAdminAssignment ForGroup(OktaAdminAssignment role, string groupId, string? groupName)
    {
        role.PrincipalType = "Group";
        role.PrincipalId = groupId;
        role.PrincipalName = groupName;
        role.ViaGroup = true;
        role.GroupId = groupId;
        role.GroupName = groupName;
        return role;
    }

    /// <summary>The row for one member of a group that holds this role.</summary>
    internal OktaAdminAssignment ForMember(string userId, string? login, string? status)
    {
        var copy = new OktaAdminAssignment(AssignmentId, "User", userId, login, RoleType, RoleLabel, CustomRoleId, ResourceSet, Status, Created)
        {
            ViaGroup = true,
            GroupId = GroupId,
            GroupName = GroupName,
            UserId = userId,
            Login = login,
            UserStatus = status,
        };
        return copy;
    }
}
