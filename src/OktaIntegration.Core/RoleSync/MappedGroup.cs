using System.Collections.Generic;
using OktaIntegration.Core.Groups;
using OktaIntegration.Core.Users;

namespace OktaIntegration.Core.RoleSync;

/// <summary>A mapped group as read from Okta: its id and name, the roles it grants, and every member (all pages read).</summary>
public sealed class MappedGroup
{
    public MappedGroup(string groupId, string groupName, IReadOnlyList<string> roles, IReadOnlyList<OktaUser> members)
    {
        GroupId = groupId;
        GroupName = groupName;
        Roles = roles;
        Members = members;
    }

    public string GroupId { get; }

    public string GroupName { get; }

    public IReadOnlyList<string> Roles { get; }

    public IReadOnlyList<OktaUser> Members { get; }
}
