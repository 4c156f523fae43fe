using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Groups;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Json;

namespace OktaIntegration.Core.Posture;

/// <summary>
/// Every user and group that holds an admin role. Users come from the IAM assignees list
/// (GET /api/v1/iam/assignees/users, a wrapped object paged through <c>_links.next</c> in the
/// body), each with its own roles (GET /api/v1/users/{id}/roles, keeping assignmentType USER,
/// since inherited roles are read from their groups) and its login and status
/// (GET /api/v1/users/{id}). Groups come from the group list with <c>expand=stats</c>
/// (<c>hasAdminPrivilege</c>), each with GET /api/v1/groups/{id}/roles and, when asked, its members.
/// Cost: ⌈admins/200⌉ + 2 per directly assigned admin + ⌈groups/200⌉ + 1 per admin group
/// (+ ⌈members/200⌉ per admin group when expanding).
/// </summary>
public sealed class AdminAssignmentReader
{
    private readonly OktaTransport _transport;

    public AdminAssignmentReader(OktaTransport transport)
    {
        _transport = transport;
    }

    /// <summary>How many per-user reads run at once (the pacer still governs the rate).</summary>
    public int Parallelism { get; set; } = 4;

    public async Task<AdminAssignmentSet> ReadAsync(bool expandGroupMembers, CancellationToken cancellationToken)
    {
        var userIds = await ReadAssigneeIdsAsync(cancellationToken).ConfigureAwait(false);
        var userRows = new ConcurrentDictionary<string, List<OktaAdminAssignment>>(StringComparer.Ordinal);
        var users = new UserReader(_transport);
        await ParallelReads.ForEachAsync(userIds, Parallelism, async (id, ct) =>
        {
            var user = await users.FindAsync(id, ct).ConfigureAwait(false);
            var roles = await ReadRolesAsync($"api/v1/users/{Uri.EscapeDataString(id)}/roles", ct).ConfigureAwait(false);
            userRows[id] = roles.Where(r => r.AssignmentType == "USER")
                .Select(r => OktaAdminAssignment.ForUser(r.Assignment, id, user?.Login, user?.Status ?? "DELETED")).ToList();
        }, cancellationToken).ConfigureAwait(false);

        var groups = await new LinkPager<AdminGroupCandidate>(_transport, _transport.Org.Resolve("api/v1/groups?expand=stats&limit=200"), ParseGroups)
            .ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var groupRows = new ConcurrentDictionary<string, List<OktaAdminAssignment>>(StringComparer.Ordinal);
        var memberRows = new ConcurrentDictionary<string, List<OktaAdminAssignment>>(StringComparer.Ordinal);
        await ParallelReads.ForEachAsync(groups.Where(g => g.HasAdminPrivilege).ToList(), Parallelism, async (group, ct) =>
        {
            var roles = await ReadRolesAsync($"api/v1/groups/{Uri.EscapeDataString(group.Id)}/roles", ct).ConfigureAwait(false);
            var rows = roles.Select(r => OktaAdminAssignment.ForGroup(r.Assignment, group.Id, group.Name)).ToList();
            groupRows[group.Id] = rows;
            if (!expandGroupMembers || rows.Count == 0) return;
            var members = await new GroupMemberReader(_transport).Members(group.Id, group.Name).ReadAllAsync(ct).ConfigureAwait(false);
            memberRows[group.Id] = rows.SelectMany(row => members.Select(m => row.ForMember(m.Id, m.Login, m.Status))).ToList();
        }, cancellationToken).ConfigureAwait(false);

        return new AdminAssignmentSet(
            userIds.Where(userRows.ContainsKey).SelectMany(id => userRows[id]).ToList(),
            groups.Where(g => groupRows.ContainsKey(g.Id)).SelectMany(g => groupRows[g.Id]).ToList(),
            groups.Where(g => memberRows.ContainsKey(g.Id)).SelectMany(g => memberRows[g.Id]).ToList());
    }

    private async Task<List<string>> ReadAssigneeIdsAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        Uri? next = _transport.Org.Resolve("api/v1/iam/assignees/users?limit=200");
        while (next != null)
        {
            var current = next;
            var (page, link) = await _transport.SendAsync(new OktaRequest(HttpMethodKind.Get, current), ParseAssignees, cancellationToken).ConfigureAwait(false);
            foreach (var id in page)
            {
                if (!ids.Contains(id)) ids.Add(id);
            }
            // A next link equal to the page just read would loop forever; treat it as the end.
            next = link != null && link != current ? link : null;
        }
        return ids;
    }

    private Task<List<RoleRow>> ReadRolesAsync(string path, CancellationToken cancellationToken) =>
        _transport.SendAsync(new OktaRequest(HttpMethodKind.Get, _transport.Org.Resolve(path)), ParseRoles, cancellationToken);

    private static (List<string> Ids, Uri? Next) ParseAssignees(OktaResponse response)
    {
        using var document = JsonDocument.Parse(response.BodyMemory);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new ResponseBodyException("Expected the IAM assignees object {\"value\":[…]}.");
        var ids = new List<string>();
        if (root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (LooseJson.String(item, "id") is { } id) ids.Add(id);
            }
        }
        var href = LooseJson.String(LooseJson.Object(LooseJson.Object(root, "_links"), "next"), "href");
        return (ids, href != null && Uri.TryCreate(href, UriKind.Absolute, out var next) ? next : null);
    }

    private static List<RoleRow> ParseRoles(OktaResponse response) =>
        JsonArrayPage.Read(response, "role assignments", element => new RoleRow(
            LooseJson.String(element, "assignmentType") ?? "USER",
            new OktaAdminAssignment(
                LooseJson.String(element, "id") ?? string.Empty, "User", string.Empty, null,
                LooseJson.String(element, "type") ?? "UNKNOWN",
                LooseJson.String(element, "label"),
                LooseJson.String(element, "role"),
                LooseJson.String(element, "resource-set"),
                LooseJson.String(element, "status"),
                LooseJson.Date(element, "created"))));

    private static List<AdminGroupCandidate> ParseGroups(OktaResponse response) =>
        JsonArrayPage.Read(response, "groups", element => new AdminGroupCandidate(
            LooseJson.String(element, "id") ?? throw new ResponseBodyException("A group has no id."),
            LooseJson.String(LooseJson.Object(element, "profile"), "name"),
            LooseJson.String(LooseJson.Object(LooseJson.Object(element, "_embedded"), "stats"), "hasAdminPrivilege") == "true"));

    private sealed class RoleRow
    {
        public RoleRow(string assignmentType, OktaAdminAssignment assignment)
        {
            AssignmentType = assignmentType;
            Assignment = assignment;
        }

        public string AssignmentType { get; }

        public OktaAdminAssignment Assignment { get; }
    }

    private sealed class AdminGroupCandidate
    {
        public AdminGroupCandidate(string id, string? name, bool hasAdminPrivilege)
        {
            Id = id;
            Name = name;
            HasAdminPrivilege = hasAdminPrivilege;
        }

        public string Id { get; }

        public string? Name { get; }

        public bool HasAdminPrivilege { get; }
    }
}

/// <summary>What <see cref="AdminAssignmentReader"/> found: roles held by users, by groups, and (when expanded) by each group's members.</summary>
public sealed class AdminAssignmentSet
{
    public AdminAssignmentSet(IReadOnlyList<OktaAdminAssignment> userRoles, IReadOnlyList<OktaAdminAssignment> groupRoles, IReadOnlyList<OktaAdminAssignment> memberRoles)
    {
        UserRoles = userRoles;
        GroupRoles = groupRoles;
        MemberRoles = memberRoles;
    }

    public IReadOnlyList<OktaAdminAssignment> UserRoles { get; }

    public IReadOnlyList<OktaAdminAssignment> GroupRoles { get; }

    public IReadOnlyList<OktaAdminAssignment> MemberRoles { get; }

    /// <summary>Rows in output order: users' own roles, then each group's roles, then its members' rows.</summary>
    public IEnumerable<OktaAdminAssignment> All => UserRoles.Concat(GroupRoles).Concat(MemberRoles);

    /// <summary>Every role a user holds, directly or through a group (needs the members expanded).</summary>
    public IEnumerable<OktaAdminAssignment> HeldByUsers => UserRoles.Concat(MemberRoles);
}
