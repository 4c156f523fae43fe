using System;

namespace OktaIntegration.Core.Groups;

/// <summary>
/// A group member as Get-OktaGroupMember writes it, with the group it was listed under
/// (GroupId/GroupName), so output from several groups stays attributable. Its Id binds to
/// -UserId/-Id of user cmdlets further down the pipeline.
/// </summary>
public sealed class OktaUser
{
    internal OktaUser(string id, string login, string? email, string? firstName, string? lastName, string status,
        DateTimeOffset? created, DateTimeOffset? lastLogin, DateTimeOffset? lastUpdated, string? groupId, string? groupName)
    {
        Id = id;
        Login = login;
        Email = email;
        FirstName = firstName;
        LastName = lastName;
        Status = status;
        Created = created;
        LastLogin = lastLogin;
        LastUpdated = lastUpdated;
        GroupId = groupId;
        GroupName = groupName;
    }

    public string Id { get; }

    public string Login { get; }

    public string? Email { get; }

    public string? FirstName { get; }

    public string? LastName { get; }

    /// <summary>ACTIVE, SUSPENDED, DEPROVISIONED, … (a string, so a status Okta adds later still shows).</summary>
    public string Status { get; }

    public DateTimeOffset? Created { get; }

    public DateTimeOffset? LastLogin { get; }

    public DateTimeOffset? LastUpdated { get; }

    /// <summary>The group this user was listed under.</summary>
    public string? GroupId { get; }

    public string? GroupName { get; }

    public override string ToString() => $"{Login} ({Id})";
}
