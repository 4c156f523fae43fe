using System;
using System.Collections.Generic;
using System.Linq;
using OktaIntegration.Core.Users;

namespace OktaIntegration.Core.RoleSync;

/// <summary>Which downstream roles each Okta group grants. Groups are named by name or by id (00g…).</summary>
public sealed class RoleMapping
{
    public RoleMapping(IEnumerable<RoleMappingEntry> entries)
    {
        // The same group may appear twice (two CSV rows); its roles are merged.
        var merged = new List<RoleMappingEntry>();
        foreach (var entry in entries)
        {
            var existing = merged.FirstOrDefault(e => string.Equals(e.GroupKey, entry.GroupKey, StringComparison.OrdinalIgnoreCase));
            if (existing == null) merged.Add(entry);
            else merged[merged.IndexOf(existing)] = new RoleMappingEntry(existing.GroupKey, existing.Roles.Concat(entry.Roles));
        }
        if (merged.Count == 0) throw new ArgumentException("The role mapping is empty: map at least one Okta group to a role, e.g. @{ 'TL-Admins' = 'Administrator' }.");
        Entries = merged;
    }

    public IReadOnlyList<RoleMappingEntry> Entries { get; }

    /// <summary>Every role the mapping mentions (the roles this sync manages by default).</summary>
    public IReadOnlyCollection<string> Roles => Entries.SelectMany(e => e.Roles).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>True when <paramref name="key"/> looks like an Okta group id rather than a name.</summary>
    public static bool IsGroupId(string key) => OktaIds.IsGroupId(key);
}

/// <summary>One mapped group and the roles its members get.</summary>
public sealed class RoleMappingEntry
{
    public RoleMappingEntry(string groupKey, IEnumerable<string> roles)
    {
        if (string.IsNullOrWhiteSpace(groupKey)) throw new ArgumentException("A role mapping names an empty group; give a group name or id.");
        GroupKey = groupKey.Trim();
        var list = new List<string>();
        foreach (var role in roles)
        {
            if (string.IsNullOrWhiteSpace(role)) throw new ArgumentException($"The role mapping for group '{GroupKey}' holds an empty role name.");
            if (!list.Contains(role.Trim(), StringComparer.OrdinalIgnoreCase)) list.Add(role.Trim());
        }
        if (list.Count == 0) throw new ArgumentException($"The role mapping for group '{GroupKey}' names no role; map it to at least one role.");
        Roles = list;
    }

    public string GroupKey { get; }

    public IReadOnlyList<string> Roles { get; }

    public bool IsGroupId => RoleMapping.IsGroupId(GroupKey);
}
