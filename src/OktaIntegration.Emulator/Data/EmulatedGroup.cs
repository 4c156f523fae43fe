using System;
using System.Collections.Generic;

namespace OktaIntegration.Emulator.Data;

/// <summary>A group: OKTA_GROUP, APP_GROUP (imported from AD, with its extra profile attributes) or BUILT_IN (Everyone).</summary>
public sealed partial class EmulatedGroup
{
    public EmulatedGroup(string id, string type, string name, string? description, DateTimeOffset created)
    {
        Id = id;
        Type = type;
        Name = name;
        Description = description;
        Created = created;
        LastUpdated = created;
        LastMembershipUpdated = created;
    }

    public string Id { get; }

    public string Type { get; }

    public string Name { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset Created { get; }

    public DateTimeOffset LastUpdated { get; set; }

    public DateTimeOffset LastMembershipUpdated { get; set; }

    /// <summary>For APP_GROUP: the source app's id (source.id).</summary>
    public string? SourceAppId { get; set; }

    /// <summary>Extra profile attributes (AD: samAccountName, dn, windowsDomainQualifiedName, groupType, groupScope, externalId).</summary>
    public Dictionary<string, object?> ExtraProfile { get; } = new();

    /// <summary>Member user ids in insertion order (Okta pages members in a stable order).</summary>
    public List<string> MemberIds { get; } = new();

    public Dictionary<string, object?> ToJson(Uri baseUrl, int? usersCount)
    {
        var profile = new Dictionary<string, object?> { ["name"] = Name, ["description"] = Description };
        foreach (var (key, value) in ExtraProfile) profile[key] = value;
        var json = new Dictionary<string, object?>
        {
            ["id"] = Id,
            ["created"] = EmulatedUser.Iso(Created),
            ["lastUpdated"] = EmulatedUser.Iso(LastUpdated),
            ["lastMembershipUpdated"] = EmulatedUser.Iso(LastMembershipUpdated),
            ["objectClass"] = new[] { Type == "APP_GROUP" ? "okta:windows_security_principal" : "okta:user_group" },
            ["type"] = Type,
            ["profile"] = profile,
            ["_links"] = new Dictionary<string, object?>
            {
                ["logo"] = new[] { new Dictionary<string, object?> { ["name"] = "medium", ["href"] = "https://op1static.oktacdn.com/assets/img/logos/groups/okta-medium.png", ["type"] = "image/png" } },
                ["users"] = new Dictionary<string, object?> { ["href"] = new Uri(baseUrl, $"api/v1/groups/{Id}/users").ToString() },
                ["apps"] = new Dictionary<string, object?> { ["href"] = new Uri(baseUrl, $"api/v1/groups/{Id}/apps").ToString() },
            },
        };
        if (SourceAppId != null) json["source"] = new Dictionary<string, object?> { ["id"] = SourceAppId };
        if (usersCount is { } count)
        {
            json["_embedded"] = new Dictionary<string, object?>
            {
                ["stats"] = new Dictionary<string, object?> { ["usersCount"] = count, ["appsCount"] = 0, ["groupPushMappingsCount"] = 0, ["hasAdminPrivilege"] = HasAdminPrivilege },
            };
        }
        return json;
    }
}
