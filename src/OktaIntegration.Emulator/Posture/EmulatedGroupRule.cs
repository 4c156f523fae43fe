using System;
using System.Collections.Generic;
using OktaIntegration.Emulator.Data;

namespace OktaIntegration.Emulator.Posture;

/// <summary>
/// A group rule: an Okta Expression Language condition on the user's profile that, while the rule
/// is ACTIVE, puts every matching user into the target groups.
/// </summary>
public sealed class EmulatedGroupRule
{
    public EmulatedGroupRule(string id, string name, string status, string expression, IReadOnlyList<string> groupIds, DateTimeOffset created)
    {
        Id = id;
        Name = name;
        Status = status;
        Expression = expression;
        GroupIds = groupIds;
        Created = created;
    }

    public string Id { get; }

    public string Name { get; }

    /// <summary>ACTIVE, INACTIVE or INVALID.</summary>
    public string Status { get; set; }

    public string Expression { get; }

    public IReadOnlyList<string> GroupIds { get; }

    public DateTimeOffset Created { get; }

    public Dictionary<string, object?> ToJson() => new()
    {
        ["type"] = "group_rule",
        ["id"] = Id,
        ["status"] = Status,
        ["name"] = Name,
        ["created"] = EmulatedUser.Iso(Created),
        ["lastUpdated"] = EmulatedUser.Iso(Created),
        ["conditions"] = new Dictionary<string, object?>
        {
            ["people"] = new Dictionary<string, object?>
            {
                ["users"] = new Dictionary<string, object?> { ["exclude"] = Array.Empty<string>() },
                ["groups"] = new Dictionary<string, object?> { ["exclude"] = Array.Empty<string>() },
            },
            ["expression"] = new Dictionary<string, object?> { ["value"] = Expression, ["type"] = "urn:okta:expression:1.0" },
        },
        ["actions"] = new Dictionary<string, object?>
        {
            ["assignUserToGroups"] = new Dictionary<string, object?> { ["groupIds"] = GroupIds },
        },
    };
}
