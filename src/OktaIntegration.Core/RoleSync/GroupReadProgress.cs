namespace OktaIntegration.Core.RoleSync;

/// <summary>Progress of reading one group's members: how many so far of how many Okta reported.</summary>
public sealed class GroupReadProgress
{
    public GroupReadProgress(string groupName, int groupIndex, int groupCount, long membersRead, int? memberCount)
    {
        GroupName = groupName;
        GroupIndex = groupIndex;
        GroupCount = groupCount;
        MembersRead = membersRead;
        MemberCount = memberCount;
    }

    public string GroupName { get; }

    public int GroupIndex { get; }

    public int GroupCount { get; }

    public long MembersRead { get; }

    public int? MemberCount { get; }
}
