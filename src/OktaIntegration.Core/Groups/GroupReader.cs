using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Groups;

/// <summary>Lists and finds groups (listGroups), always with an explicit page size and every page followed.</summary>
public sealed class GroupReader
{
    private readonly OktaTransport _transport;

    public GroupReader(OktaTransport transport)
    {
        _transport = transport;
    }

    /// <summary>A pager over the groups the query selects; each page is already filtered by the query's local check.</summary>
    public LinkPager<OktaGroup> List(GroupQuery query)
    {
        var (pathAndQuery, matches) = query.Build();
        return new LinkPager<OktaGroup>(_transport, _transport.Org.Resolve(pathAndQuery), response =>
        {
            var page = GroupJson.ParseGroups(response);
            page.RemoveAll(g => !matches(g));
            return page;
        });
    }

    /// <summary>
    /// One group by id, with its member count. Uses listGroups' <c>filter=id eq</c> because
    /// getGroup has no expand=stats. Throws <see cref="OktaGroupNotFoundException"/> when absent.
    /// </summary>
    public async Task<OktaGroup> GetByIdAsync(string id, CancellationToken cancellationToken, OktaGroupType? type = null)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("A group id is empty.");
        var query = new GroupQuery { Filter = $"id eq {GroupQuery.Quote(id.Trim())}", Type = type };
        var all = await List(query).ReadAllAsync(cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault()
            ?? throw new OktaGroupNotFoundException(id, $"No group with id '{id}' exists in {_transport.Org.Origin}{(type != null ? $" with type {type}" : string.Empty)}. Check the id with Get-OktaGroup -Name.");
    }

    /// <summary>
    /// The group with exactly this name. Okta names are unique regardless of case; an exact
    /// (case-sensitive) match wins, else the only case-insensitive one. Throws
    /// <see cref="OktaGroupNotFoundException"/> when there is none.
    /// </summary>
    public async Task<OktaGroup> GetByNameAsync(string name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A group name is empty.");
        var query = new GroupQuery { Search = $"profile.name eq {GroupQuery.Quote(name)}" };
        var all = await List(query).ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var exact = all.Where(g => string.Equals(g.Name, name, StringComparison.Ordinal)).ToList();
        var candidates = exact.Count > 0 ? exact : all.Where(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (candidates.Count == 1) return candidates[0];
        if (candidates.Count > 1)
            throw new ArgumentException($"The group name '{name}' matches {candidates.Count} groups ({string.Join(", ", candidates.Select(g => g.Id))}); name the group by id instead.");
        throw new OktaGroupNotFoundException(name, $"No group named '{name}' exists in {_transport.Org.Origin}. Check the name with Get-OktaGroup -Name '{name.Split(' ')[0]}*'.");
    }

    /// <summary>Up to <paramref name="max"/> group names starting with <paramref name="prefix"/>, for tab completion (q: one unpaged request).</summary>
    public async Task<IReadOnlyList<string>> SuggestNamesAsync(string prefix, int max, CancellationToken cancellationToken)
    {
        var uri = _transport.Org.Resolve($"api/v1/groups?q={Uri.EscapeDataString(prefix)}&limit={Math.Max(1, Math.Min(max, 300))}");
        var groups = await _transport.SendAsync(new OktaRequest(HttpMethodKind.Get, uri), GroupJson.ParseGroups, cancellationToken).ConfigureAwait(false);
        return groups.Select(g => g.Name).ToList();
    }
}
