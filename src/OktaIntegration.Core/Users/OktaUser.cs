using System;
using System.Text.Json;
using OktaIntegration.Core.Json;

namespace OktaIntegration.Core.Users;

/// <summary>
/// An Okta user flattened to the scalars a runbook needs and a CSV can hold: status and its
/// dates (created, activated, last login, password changed), and the profile's login, email and
/// names. The one user type of the module: written by Get-OktaUser, Get-OktaGroupMember and
/// Suspend-/Resume-OktaUser -PassThru. <see cref="Id"/> and <see cref="Login"/> bind by property
/// name to every user-taking cmdlet. When the user was listed as a group member,
/// <see cref="GroupId"/> and <see cref="GroupName"/> say which group.
/// </summary>
public sealed class OktaUser
{
    internal OktaUser(string id, string? login, string? email, string? firstName, string? lastName, string status, string? transitioningToStatus,
        DateTimeOffset? created, DateTimeOffset? activated, DateTimeOffset? statusChanged, DateTimeOffset? lastLogin, DateTimeOffset? lastUpdated,
        DateTimeOffset? passwordChanged, string? groupId = null, string? groupName = null)
    {
        Id = id;
        Login = login;
        Email = email;
        FirstName = firstName;
        LastName = lastName;
        Status = status;
        TransitioningToStatus = transitioningToStatus;
        Created = created;
        Activated = activated;
        StatusChanged = statusChanged;
        LastLogin = lastLogin;
        LastUpdated = lastUpdated;
        PasswordChanged = passwordChanged;
        GroupId = groupId;
        GroupName = groupName;
    }

    public string Id { get; }

    public string? Login { get; }

    public string? Email { get; }

    public string? FirstName { get; }

    public string? LastName { get; }

    /// <summary>STAGED, PROVISIONED, ACTIVE, RECOVERY, LOCKED_OUT, PASSWORD_EXPIRED, SUSPENDED or DEPROVISIONED (a string, so a status Okta adds later still shows).</summary>
    public string Status { get; }

    public string? TransitioningToStatus { get; }

    public DateTimeOffset? Created { get; }

    /// <summary>Null for users never activated (STAGED).</summary>
    public DateTimeOffset? Activated { get; }

    public DateTimeOffset? StatusChanged { get; }

    /// <summary>Null for users who never signed in.</summary>
    public DateTimeOffset? LastLogin { get; }

    public DateTimeOffset? LastUpdated { get; }

    public DateTimeOffset? PasswordChanged { get; }

    /// <summary>The group this user was listed under, when read as a group member.</summary>
    public string? GroupId { get; }

    public string? GroupName { get; }

    /// <summary>"jane@example.com (00u…)": how the module names a user in prompts and messages.</summary>
    public string DisplayName => Login != null ? $"{Login} ({Id})" : Id;

    public override string ToString() => DisplayName;

    /// <summary>Reads a single-user response (GET /api/v1/users/{id}); id and status must be there.</summary>
    internal static OktaUser Parse(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException("A user must be a JSON object.");
        if (LooseJson.String(root, "status") == null) throw new JsonException("The user has no status.");
        return FromJson(root);
    }

    /// <summary>Reads one user object loosely: unknown and missing properties are fine, but id must be there.</summary>
    internal static OktaUser FromJson(JsonElement element, string? groupId = null, string? groupName = null)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new JsonException("A user must be a JSON object.");
        var profile = LooseJson.Object(element, "profile");
        return new OktaUser(
            LooseJson.String(element, "id") ?? throw new JsonException("A user has no id."),
            LooseJson.String(profile, "login"),
            LooseJson.String(profile, "email"),
            LooseJson.String(profile, "firstName"),
            LooseJson.String(profile, "lastName"),
            LooseJson.String(element, "status") ?? "UNKNOWN",
            LooseJson.String(element, "transitioningToStatus"),
            LooseJson.Date(element, "created"),
            LooseJson.Date(element, "activated"),
            LooseJson.Date(element, "statusChanged"),
            LooseJson.Date(element, "lastLogin"),
            LooseJson.Date(element, "lastUpdated"),
            LooseJson.Date(element, "passwordChanged"),
            groupId,
            groupName);
    }
}
