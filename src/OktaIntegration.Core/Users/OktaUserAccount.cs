using OktaIntegration.Core.Json;
using System;
using System.Text.Json;

namespace OktaIntegration.Core.Users;

/// <summary>
/// A user as GET /api/v1/users/{id} returns it, flattened to the scalars a runbook needs (and a
/// CSV can hold). Written by Suspend-OktaUser/Resume-OktaUser -PassThru. <see cref="Id"/> and
/// <see cref="Login"/> bind by property name to every user-taking cmdlet.
/// </summary>
public sealed class OktaUserAccount
{
    internal OktaUserAccount(string id, string? login, string? email, string? firstName, string? lastName, string status,
        string? transitioningToStatus, DateTimeOffset? created, DateTimeOffset? statusChanged, DateTimeOffset? lastLogin, DateTimeOffset? lastUpdated)
    {
        Id = id;
        Login = login;
        Email = email;
        FirstName = firstName;
        LastName = lastName;
        Status = status;
        TransitioningToStatus = transitioningToStatus;
        Created = created;
        StatusChanged = statusChanged;
        LastLogin = lastLogin;
        LastUpdated = lastUpdated;
    }

    public string Id { get; }

    public string? Login { get; }

    public string? Email { get; }

    public string? FirstName { get; }

    public string? LastName { get; }

    /// <summary>STAGED, PROVISIONED, ACTIVE, RECOVERY, LOCKED_OUT, PASSWORD_EXPIRED, SUSPENDED or DEPROVISIONED.</summary>
    public string Status { get; }

    public string? TransitioningToStatus { get; }

    public DateTimeOffset? Created { get; }

    public DateTimeOffset? StatusChanged { get; }

    public DateTimeOffset? LastLogin { get; }

    public DateTimeOffset? LastUpdated { get; }

    /// <summary>"jane@example.com (00u…)": how the module names a user in prompts and messages.</summary>
    public string DisplayName => Login != null ? $"{Login} ({Id})" : Id;

    public override string ToString() => DisplayName;

    /// <summary>Reads Okta's user JSON loosely: unknown and missing properties are fine, but id and status must be there.</summary>
    internal static OktaUserAccount Parse(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException("A user must be a JSON object.");
        var id = LooseJson.String(root, "id") ?? throw new JsonException("The user has no id.");
        var status = LooseJson.String(root, "status") ?? throw new JsonException("The user has no status.");
        root.TryGetProperty("profile", out var profile);
        return new OktaUserAccount(id, LooseJson.String(profile, "login"), LooseJson.String(profile, "email"), LooseJson.String(profile, "firstName"),
            LooseJson.String(profile, "lastName"), status, LooseJson.String(root, "transitioningToStatus"), LooseJson.Date(root, "created"),
            LooseJson.Date(root, "statusChanged"), LooseJson.Date(root, "lastLogin"), LooseJson.Date(root, "lastUpdated"));
    }
}
