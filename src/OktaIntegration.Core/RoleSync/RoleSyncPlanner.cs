using System;
using System.Collections.Generic;
using System.Linq;
using OktaIntegration.Core.Groups;
using OktaIntegration.Core.Users;

namespace OktaIntegration.Core.RoleSync;

/// <summary>
/// Pure logic: from the mapped groups' members (Okta) and what the target holds now, the
/// changes that make the target match. Desired state: a member whose status allows access gets
/// the union of the roles of all their mapped groups. Only roles the mapping mentions are
/// managed, unless <see cref="RoleSyncOptions.Exclusive"/>. Excluded users are never touched.
/// Running it again on the result plans nothing.
/// </summary>
public static class RoleSyncPlanner
{
    public static SyncPlan Plan(IReadOnlyList<MappedGroup> groups, IReadOnlyList<RoleHolder> current, RoleSyncOptions options,
        bool canCreateUsers, bool canRemoveUsers)
    {
        var comparer = StringComparer.OrdinalIgnoreCase;
        var managedRoles = new HashSet<string>(groups.SelectMany(g => g.Roles), comparer);
        var excluded = options.ExcludeUsers.Select(p => new NameWildcard(p)).ToList();
        bool IsExcluded(string? login, string? id) => excluded.Any(w => w.IsMatch(login) || w.IsMatch(id));

        // Okta side: every member of a mapped group, with the groups (and so roles) they hold.
        var people = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            foreach (var member in group.Members)
            {
                if (!people.TryGetValue(member.Id, out var person)) people[member.Id] = person = new Person(member);
                person.Groups.Add(group);
            }
        }

        // Target side, matched by Okta id first, then by login (targets fed by file may hold logins only).
        var byId = new Dictionary<string, RoleHolder>(StringComparer.Ordinal);
        var byLogin = new Dictionary<string, RoleHolder>(comparer);
        foreach (var holder in current)
        {
            if (holder.UserId != null && !byId.ContainsKey(holder.UserId)) byId[holder.UserId] = holder;
            if (holder.Login.Length > 0 && !byLogin.ContainsKey(holder.Login)) byLogin[holder.Login] = holder;
        }

        var changes = new List<OktaRoleChange>();
        var matched = new HashSet<RoleHolder>();
        var excludedSeen = new List<string>();
        foreach (var person in people.Values.OrderBy(p => p.Login, comparer))
        {
            var user = person.User;
            var holder = byId.TryGetValue(user.Id, out var h) ? h : byLogin.TryGetValue(person.Login, out h) ? h : null;
            if (holder != null) matched.Add(holder);
            if (IsExcluded(person.Login, user.Id))
            {
                excludedSeen.Add(person.Login);
                continue;
            }
            var held = new HashSet<string>(holder?.Roles ?? Array.Empty<string>(), comparer);

            if (!UserAccessPolicy.AllowsAccess(user.Status))
            {
                var reason = $"{user.Status} in Okta";
                var revoke = held.Where(r => options.Exclusive || managedRoles.Contains(r)).ToList();
                foreach (var role in revoke) changes.Add(new OktaRoleChange(RoleChangeAction.Revoke, holder!.Login, user.Id, role, reason));
                if (holder != null && canRemoveUsers && revoke.Count > 0 && revoke.Count == held.Count)
                    changes.Add(new OktaRoleChange(RoleChangeAction.RemoveUser, holder.Login, user.Id, null, reason));
                continue;
            }

            // Each desired role, with the mapped groups that grant it (for the reason text).
            var desired = new Dictionary<string, List<string>>(comparer);
            foreach (var group in person.Groups)
            {
                foreach (var role in group.Roles)
                {
                    if (!desired.TryGetValue(role, out var from)) desired[role] = from = new List<string>();
                    if (!from.Contains(group.GroupName)) from.Add(group.GroupName);
                }
            }
            if (holder == null && canCreateUsers)
                changes.Add(new OktaRoleChange(RoleChangeAction.CreateUser, person.Login, user.Id, null, "member of " + string.Join(", ", person.Groups.Select(g => g.GroupName).Distinct())));
            foreach (var pair in desired.Where(d => !held.Contains(d.Key)))
                changes.Add(new OktaRoleChange(RoleChangeAction.Grant, holder?.Login ?? person.Login, user.Id, pair.Key, "member of " + string.Join(", ", pair.Value)));
            foreach (var role in held.Where(r => managedRoles.Contains(r) && !desired.ContainsKey(r)))
                changes.Add(new OktaRoleChange(RoleChangeAction.Revoke, holder!.Login, user.Id, role, $"no longer in a group mapped to '{role}'"));
        }

        // Users the target knows who are in no mapped group.
        foreach (var holder in current.Where(x => !matched.Contains(x)).OrderBy(x => x.Login, comparer))
        {
            if (IsExcluded(holder.Login, holder.UserId))
            {
                excludedSeen.Add(holder.Login.Length > 0 ? holder.Login : holder.UserId!);
                continue;
            }
            var mappedHeld = holder.Roles.Where(managedRoles.Contains).ToList();
            foreach (var role in mappedHeld)
                changes.Add(new OktaRoleChange(RoleChangeAction.Revoke, holder.Login, holder.UserId, role, "no longer in any mapped group"));
            if (options.Exclusive)
            {
                foreach (var role in holder.Roles.Where(r => !managedRoles.Contains(r)))
                    changes.Add(new OktaRoleChange(RoleChangeAction.Revoke, holder.Login, holder.UserId, role, "in no mapped group (-Exclusive revokes every role)"));
            }
            var revokesAll = options.Exclusive || mappedHeld.Count == holder.Roles.Count;
            if (canRemoveUsers && revokesAll && (holder.Roles.Count > 0 || options.Exclusive))
                changes.Add(new OktaRoleChange(RoleChangeAction.RemoveUser, holder.Login, holder.UserId, null, "no longer in any mapped group"));
        }

        var ordered = changes
            .OrderBy(c => c.ActionKind)
            .ThenBy(c => c.Login, comparer)
            .ThenBy(c => c.Role ?? string.Empty, comparer)
            .ToList();
        var currentAssignments = current.Where(x => !IsExcluded(x.Login, x.UserId)).Sum(x => x.Roles.Count);
        return new SyncPlan(ordered, currentAssignments, options.MaxRevocation, excludedSeen);
    }

    private sealed class Person
    {
        public Person(OktaUser user)
        {
            User = user;
        }

        public OktaUser User { get; }

        /// <summary>The login, empty when Okta sent none (member lists always carry it).</summary>
        public string Login => User.Login ?? string.Empty;

        public List<MappedGroup> Groups { get; } = new();
    }
}
