using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Groups;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.RoleSync;

/// <summary>
/// Reads what the planner needs from Okta: resolves every mapped group (all missing ones are
/// named in one error) and reads every page of every member list. Any failure throws, so a
/// failed read is never taken as an empty group and nothing downstream is changed.
/// </summary>
public sealed class MappedGroupReader
{
    private readonly GroupReader _groups;
    private readonly GroupMemberReader _members;

    public MappedGroupReader(OktaTransport transport)
    {
        _groups = new GroupReader(transport);
        _members = new GroupMemberReader(transport);
    }

    public async Task<IReadOnlyList<MappedGroup>> ReadAsync(RoleMapping mapping, IProgress<GroupReadProgress>? progress, CancellationToken cancellationToken)
    {
        var resolved = new List<(OktaGroup Group, IReadOnlyList<string> Roles)>();
        var missing = new List<string>();
        foreach (var entry in mapping.Entries)
        {
            try
            {
                var group = entry.IsGroupId
                    ? await _groups.GetByIdAsync(entry.GroupKey, cancellationToken).ConfigureAwait(false)
                    : await _groups.GetByNameAsync(entry.GroupKey, cancellationToken).ConfigureAwait(false);
                resolved.Add((group, entry.Roles));
            }
            catch (OktaGroupNotFoundException)
            {
                missing.Add(entry.GroupKey);
            }
        }
        if (missing.Count > 0)
        {
            throw new OktaGroupNotFoundException(string.Join(", ", missing),
                $"Mapped group{(missing.Count > 1 ? "s" : string.Empty)} not found in Okta: {string.Join(", ", missing.Select(m => "'" + m + "'"))}. Nothing was changed. Fix the mapping (names are matched exactly; ids look like 00g…).");
        }

        // A group mapped twice (by name and by id) grants the union of both entries' roles.
        var merged = resolved
            .GroupBy(r => r.Group.Id, StringComparer.Ordinal)
            .Select(g => (Group: g.First().Group, Roles: (IReadOnlyList<string>)g.SelectMany(x => x.Roles).Distinct(StringComparer.OrdinalIgnoreCase).ToList()))
            .ToList();

        var result = new List<MappedGroup>(merged.Count);
        for (var i = 0; i < merged.Count; i++)
        {
            var (group, roles) = merged[i];
            var index = i;
            progress?.Report(new GroupReadProgress(group.Name, index, merged.Count, 0, group.MemberCount));
            var members = await _members.Members(group.Id, group.Name).ReadAllAsync(cancellationToken,
                pager => progress?.Report(new GroupReadProgress(group.Name, index, merged.Count, pager.ItemsRead, group.MemberCount))).ConfigureAwait(false);
            result.Add(new MappedGroup(group.Id, group.Name, roles, members));
        }
        return result;
    }
}
