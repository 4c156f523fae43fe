using System;
using System.Collections.Generic;
using System.Text;

namespace OktaIntegration.Core.Groups;

/// <summary>
/// What Get-OktaGroup asks for, translated into one listGroups request plus a local check.
/// A -Name without wildcards becomes <c>profile.name eq</c>; a trailing <c>*</c> becomes a
/// server-side <c>sw</c>; other wildcards are searched by their literal prefix (if any) and
/// matched locally. Okta refuses <c>search</c> with <c>filter</c> (E0000033), so with -Filter
/// the name is matched locally only.
/// </summary>
public sealed class GroupQuery
{
    /// <summary>Okta recommends 200 and the real default varies by org, so it is always sent explicitly.</summary>
    public const int DefaultPageSize = 200;

    public string? Name { get; set; }

    public string? Search { get; set; }

    public string? Filter { get; set; }

    public OktaGroupType? Type { get; set; }

    public int PageSize { get; set; } = DefaultPageSize;

    /// <summary>Asks for expand=stats (MemberCount).</summary>
    public bool IncludeStats { get; set; } = true;

    /// <summary>The relative request (path and query) and the check each returned group must pass.</summary>
    public (string PathAndQuery, Func<OktaGroup, bool> Matches) Build()
    {
        var hasSearch = !string.IsNullOrWhiteSpace(Search);
        var hasFilter = !string.IsNullOrWhiteSpace(Filter);
        if (hasSearch && hasFilter)
            throw new ArgumentException("-Search and -Filter can't be used together: Okta refuses a search and a filter in one request (E0000033). Put everything in -Search, which supports id, type, lastUpdated and lastMembershipUpdated too.");
        if (PageSize < 1 || PageSize > 10_000) throw new ArgumentException($"The page size {PageSize} is out of range; Okta accepts 1 to 10000 (200 recommended).");

        var searchTerms = new List<string>();
        var filterTerms = new List<string>();
        if (hasSearch) searchTerms.Add("(" + Search!.Trim() + ")");
        if (hasFilter) filterTerms.Add("(" + Filter!.Trim() + ")");

        NameWildcard? name = string.IsNullOrEmpty(Name) ? null : new NameWildcard(Name!);
        if (name != null && !hasFilter)
        {
            if (!name.HasWildcards) searchTerms.Add($"profile.name eq {Quote(name.LiteralPrefix)}");
            else if (name.LiteralPrefix.Length > 0) searchTerms.Add($"profile.name sw {Quote(name.LiteralPrefix)}");
        }
        if (Type is { } type)
        {
            var term = $"type eq \"{type}\"";
            if (searchTerms.Count > 0) searchTerms.Add(term);
            else filterTerms.Add(term);
        }

        var query = new StringBuilder("api/v1/groups?limit=").Append(PageSize);
        if (searchTerms.Count > 0) query.Append("&search=").Append(Uri.EscapeDataString(Join(searchTerms)));
        if (filterTerms.Count > 0) query.Append("&filter=").Append(Uri.EscapeDataString(Join(filterTerms)));
        if (IncludeStats) query.Append("&expand=stats");
        return (query.ToString(), g => name == null || name.IsMatch(g.Name));
    }

    /// <summary>A double-quoted value for search/filter, with quotes and backslashes escaped.</summary>
    internal static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Join(List<string> terms) =>
        terms.Count == 1 && terms[0].StartsWith("(", StringComparison.Ordinal) && terms[0].EndsWith(")", StringComparison.Ordinal)
            ? terms[0].Substring(1, terms[0].Length - 2)
            : string.Join(" and ", terms);
}
