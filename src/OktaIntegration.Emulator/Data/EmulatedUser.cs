using System;
using System.Collections.Generic;

namespace OktaIntegration.Emulator.Data;

/// <summary>A user of the emulated org. Status is one of Okta's: STAGED, PROVISIONED, ACTIVE, RECOVERY, PASSWORD_EXPIRED, LOCKED_OUT, SUSPENDED, DEPROVISIONED.</summary>
public sealed partial class EmulatedUser
{
    public EmulatedUser(string id, string login, string firstName, string lastName, string status, DateTimeOffset created)
    {
        Id = id;
        Login = login;
        Email = login;
        FirstName = firstName;
        LastName = lastName;
        Status = status;
        Created = created;
        LastUpdated = created;
        StatusChanged = created;
    }

    public string Id { get; }

    public string Login { get; set; }

    public string Email { get; set; }

    public string FirstName { get; set; }

    public string LastName { get; set; }

    public string Status { get; set; }

    public DateTimeOffset Created { get; }

    public DateTimeOffset LastUpdated { get; set; }

    public DateTimeOffset StatusChanged { get; set; }

    public DateTimeOffset? LastLogin { get; set; }

    public string? Department { get; set; }

    public string? Title { get; set; }

    /// <summary>Open sessions; DELETE /users/{id}/sessions clears them.</summary>
    public int ActiveSessions { get; set; }

    /// <summary>Issued OAuth tokens for this user's apps; cleared with oauthTokens=true.</summary>
    public int OAuthTokens { get; set; }

    /// <summary>Remembered devices; cleared with forgetDevices=true.</summary>
    public int RememberedDevices { get; set; }

    public Dictionary<string, object?> ToJson(Uri baseUrl) => new()
    {
        ["id"] = Id,
        ["status"] = Status,
        ["created"] = Iso(Created),
        ["activated"] = Status is "STAGED" ? null : Iso(ActivatedAt ?? Created.AddMinutes(5)),
        ["statusChanged"] = Iso(StatusChanged),
        ["lastLogin"] = LastLogin is { } l ? Iso(l) : null,
        ["lastUpdated"] = Iso(LastUpdated),
        ["passwordChanged"] = Iso(Created.AddMinutes(6)),
        ["type"] = new Dictionary<string, object?> { ["id"] = "oty1defaultusertype" },
        ["profile"] = new Dictionary<string, object?>
        {
            ["firstName"] = FirstName,
            ["lastName"] = LastName,
            ["mobilePhone"] = null,
            ["secondEmail"] = null,
            ["login"] = Login,
            ["email"] = Email,
            ["department"] = Department,
            ["title"] = Title,
        },
        ["credentials"] = new Dictionary<string, object?>
        {
            ["password"] = new Dictionary<string, object?>(),
            ["provider"] = new Dictionary<string, object?> { ["type"] = "OKTA", ["name"] = "OKTA" },
        },
        ["_links"] = new Dictionary<string, object?>
        {
            ["self"] = new Dictionary<string, object?> { ["href"] = new Uri(baseUrl, "api/v1/users/" + Id).ToString() },
        },
    };

    internal static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
