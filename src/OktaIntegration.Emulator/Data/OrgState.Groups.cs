using System;
using System.Collections.Generic;
using System.Globalization;

namespace OktaIntegration.Emulator.Data;

/// <summary>Group-member paging and large generated groups (for the 50,000-member measurement).</summary>
public sealed partial class OrgState
{
    /// <summary>
    /// Adds an OKTA_GROUP with <paramref name="memberCount"/> new ACTIVE users generated for it
    /// (logins <c>{prefix}{n}@example.com</c>). Used by tests that need a group far larger than the seed.
    /// </summary>
    public EmulatedGroup AddGeneratedGroup(string name, int memberCount, string loginPrefix = "bulk.user")
    {
        var created = DateTimeOffset.UtcNow.AddDays(-30);
        lock (Gate)
        {
            var group = AddGroup("OKTA_GROUP", name, $"Generated group of {memberCount} users", created);
            group.MemberIds.Capacity = memberCount;
            for (var i = 0; i < memberCount; i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                var user = AddUser($"{loginPrefix}{n}@example.com", "Bulk", "User" + n, "ACTIVE", created);
                group.MemberIds.Add(user.Id);
            }
            group.LastMembershipUpdated = DateTimeOffset.UtcNow;
            return group;
        }
    }

    /// <summary>
    /// One page of members after the cursor. The cursor is opaque to clients; it holds the
    /// position and the id of the last member served, so a member who leaves between two pages
    /// neither restarts nor skips the listing.
    /// </summary>
    public (IReadOnlyList<EmulatedUser> Page, string? NextCursor, int PageIndex) MemberPage(EmulatedGroup group, string? after, int limit)
    {
        lock (Gate)
        {
            var start = StartAfter(group.MemberIds, after);
            var page = new List<EmulatedUser>(Math.Min(limit, Math.Max(0, group.MemberIds.Count - start)));
            for (var i = start; i < group.MemberIds.Count && page.Count < limit; i++) page.Add(_users[group.MemberIds[i]]);
            var end = start + page.Count;
            var next = end < group.MemberIds.Count && page.Count > 0 ? end.ToString(CultureInfo.InvariantCulture) + "." + page[^1].Id : null;
            return (page, next, limit == 0 ? 0 : start / limit);
        }
    }

    private static int StartAfter(List<string> memberIds, string? after)
    {
        if (string.IsNullOrEmpty(after)) return 0;
        var dot = after!.IndexOf('.');
        var id = dot < 0 ? after : after.Substring(dot + 1);
        var hint = dot > 0 && int.TryParse(after.Substring(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : -1;
        if (hint > 0 && hint <= memberIds.Count && memberIds[hint - 1] == id) return hint;
        var index = memberIds.IndexOf(id);
        if (index >= 0) return index + 1;
        // The last member served has left the group: resume at the same position, which now holds the next member.
        return hint < 0 ? memberIds.Count : Math.Min(hint - 1, memberIds.Count);
    }
}
