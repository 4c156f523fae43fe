using System;
using System.Collections.Generic;
using OktaIntegration.Emulator.Data;

namespace OktaIntegration.Emulator.Posture;

/// <summary>
/// An admin role held by a user or a group. Standard roles carry only type and label; custom
/// roles (type CUSTOM) also name the role (cr0…) and the resource set (iam…) they apply to.
/// </summary>
public sealed class EmulatedRoleAssignment
{
    public EmulatedRoleAssignment(string id, string type, string label, string assignmentType, string assigneeId, DateTimeOffset created)
    {
        Id = id;
        Type = type;
        Label = label;
        AssignmentType = assignmentType;
        AssigneeId = assigneeId;
        Created = created;
    }

    public string Id { get; }

    public string Type { get; }

    public string Label { get; }

    /// <summary>USER or GROUP.</summary>
    public string AssignmentType { get; }

    /// <summary>The user or group that holds the role.</summary>
    public string AssigneeId { get; }

    public DateTimeOffset Created { get; }

    public string? CustomRoleId { get; init; }

    public string? ResourceSetId { get; init; }

    public Dictionary<string, object?> ToJson(Uri baseUrl)
    {
        var assignee = AssignmentType == "GROUP" ? "api/v1/groups/" : "api/v1/users/";
        var links = new Dictionary<string, object?>
        {
            ["assignee"] = new Dictionary<string, object?> { ["href"] = new Uri(baseUrl, assignee + AssigneeId).ToString() },
        };
        var json = new Dictionary<string, object?>
        {
            ["id"] = Id,
            ["label"] = Label,
            ["type"] = Type,
            ["status"] = "ACTIVE",
            ["created"] = EmulatedUser.Iso(Created),
            ["lastUpdated"] = EmulatedUser.Iso(Created),
            ["assignmentType"] = AssignmentType,
            ["_links"] = links,
        };
        if (CustomRoleId != null)
        {
            json["role"] = CustomRoleId;
            json["resource-set"] = ResourceSetId;
            links["role"] = new Dictionary<string, object?> { ["href"] = new Uri(baseUrl, "api/v1/iam/roles/" + CustomRoleId).ToString() };
            links["resource-set"] = new Dictionary<string, object?> { ["href"] = new Uri(baseUrl, "api/v1/iam/resource-sets/" + ResourceSetId).ToString() };
        }
        return json;
    }
}
