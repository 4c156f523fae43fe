using System;
using System.Collections.Generic;
using System.Linq;
using OktaIntegration.Emulator.Data;

namespace OktaIntegration.Emulator.Posture;

/// <summary>
/// An SSWS API token's metadata (never its value): owner, client, the inactivity window after
/// which it expires, and its network condition (ANYWHERE, or ZONE with included/excluded zones).
/// A token expires <see cref="TokenWindow"/> after it was last used, so expiresAt − tokenWindow
/// is when it was last used.
/// </summary>
public sealed class EmulatedApiToken
{
    public EmulatedApiToken(string id, string name, string userId, TimeSpan tokenWindow, DateTimeOffset created, DateTimeOffset lastUsed)
    {
        Id = id;
        Name = name;
        UserId = userId;
        TokenWindow = tokenWindow;
        Created = created;
        LastUpdated = created;
        LastUsed = lastUsed;
    }

    public string Id { get; }

    public string Name { get; }

    public string UserId { get; }

    public string ClientName { get; init; } = "Okta API";

    public TimeSpan TokenWindow { get; }

    public DateTimeOffset Created { get; }

    public DateTimeOffset LastUpdated { get; set; }

    public DateTimeOffset LastUsed { get; set; }

    /// <summary>ANYWHERE or ZONE.</summary>
    public string Connection { get; init; } = "ANYWHERE";

    /// <summary>Zone names (resolved to ids when served, so seeding never creates the zones early).</summary>
    public IReadOnlyList<string> IncludeZoneNames { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> ExcludeZoneNames { get; init; } = Array.Empty<string>();

    public Dictionary<string, object?> ToJson(Uri baseUrl, OrgState org) => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["userId"] = UserId,
        ["clientName"] = ClientName,
        ["tokenWindow"] = System.Xml.XmlConvert.ToString(TokenWindow),
        ["expiresAt"] = EmulatedUser.Iso(LastUsed + TokenWindow),
        ["created"] = EmulatedUser.Iso(Created),
        ["lastUpdated"] = EmulatedUser.Iso(LastUpdated),
        ["network"] = new Dictionary<string, object?>
        {
            ["connection"] = Connection,
            ["include"] = IncludeZoneNames.Select(n => org.FindZoneByName(n)?.Id ?? n).ToArray(),
            ["exclude"] = ExcludeZoneNames.Select(n => org.FindZoneByName(n)?.Id ?? n).ToArray(),
        },
        ["_link"] = new Dictionary<string, object?>
        {
            ["self"] = new Dictionary<string, object?> { ["href"] = new Uri(baseUrl, "api/v1/api-tokens/" + Id).ToString() },
        },
    };
}
