using System;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Users;

namespace OktaIntegration.Core.Groups;

/// <summary>
/// Lists a group's members (listGroupUsers). Okta's default page is 1000, "very high for
/// historical reasons", and large pages time out as 500s, so 200 is always sent.
/// </summary>
public sealed class GroupMemberReader
{
    public const int DefaultPageSize = 200;
    private readonly OktaTransport _transport;

    public GroupMemberReader(OktaTransport transport)
    {
        _transport = transport;
    }

    /// <summary>A pager over the members; each user carries <paramref name="groupId"/> and <paramref name="groupName"/>.</summary>
    public LinkPager<OktaUser> Members(string groupId, string? groupName, int pageSize = DefaultPageSize)
    {
        if (string.IsNullOrWhiteSpace(groupId)) throw new ArgumentException("A group id is empty.");
        if (pageSize < 1) throw new ArgumentException($"The page size {pageSize} must be at least 1.");
        var uri = _transport.Org.Resolve($"api/v1/groups/{Uri.EscapeDataString(groupId.Trim())}/users?limit={pageSize}");
        return new LinkPager<OktaUser>(_transport, uri, response => GroupJson.ParseUsers(response, groupId, groupName));
    }
}
