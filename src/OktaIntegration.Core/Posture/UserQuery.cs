using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace OktaIntegration.Core.Posture;

/// <summary>
/// What Get-OktaUser lists: Okta's <c>search</c> expression, or its <c>filter</c>, narrowed by
/// statuses and a last-sign-in cutoff. Okta cannot combine search and filter, so statuses and the
/// cutoff join whichever one is used: statuses work in both; the cutoff (<c>lastLogin lt "…"</c>)
/// only in search, which is what it turns the query into when no filter is given.
/// </summary>
public sealed class UserQuery
{
    /// <summary>Okta's user statuses, as the API spells them.</summary>
    public static readonly IReadOnlyList<string> Statuses = new[]
    {
        "STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "LOCKED_OUT", "PASSWORD_EXPIRED", "SUSPENDED", "DEPROVISIONED",
    };

    public const int MaxPageSize = 200;

    public string? Search { get; set; }

    public string? Filter { get; set; }

    public IReadOnlyList<string> Status { get; set; } = Array.Empty<string>();

    /// <summary>Only users whose last sign-in is before this instant (users who never signed in have no lastLogin and are not matched).</summary>
    public DateTimeOffset? LastLoginBefore { get; set; }

    public int PageSize { get; set; } = MaxPageSize;

    /// <summary>The query string for GET /api/v1/users (without the leading '?'); throws ArgumentException for a combination Okta refuses.</summary>
    public string ToQueryString()
    {
        if (PageSize < 1 || PageSize > MaxPageSize) throw new ArgumentException($"The page size {PageSize} must be between 1 and {MaxPageSize}.");
        var hasSearch = !string.IsNullOrWhiteSpace(Search);
        var hasFilter = !string.IsNullOrWhiteSpace(Filter);
        if (hasSearch && hasFilter)
            throw new ArgumentException("Okta cannot combine -Search and -Filter in one request (E0000033). Use one; -Search accepts everything -Filter does.");
        if (hasFilter && LastLoginBefore != null)
            throw new ArgumentException("-LastLoginBefore becomes a search expression (lastLogin lt \"…\"), which Okta cannot combine with -Filter. Use -Search instead of -Filter.");

        var terms = new List<string>();
        var statuses = NormalizedStatuses();
        if (statuses.Count > 0) terms.Add(statuses.Count == 1 ? StatusTerm(statuses[0]) : "(" + string.Join(" or ", statuses.Select(StatusTerm)) + ")");
        if (LastLoginBefore is { } cutoff)
            terms.Add("lastLogin lt \"" + cutoff.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + "\"");

        var parts = new List<string> { "limit=" + PageSize.ToString(CultureInfo.InvariantCulture) };
        if (hasFilter)
        {
            parts.Add("filter=" + Uri.EscapeDataString(Join(Filter!, terms)));
        }
        else if (hasSearch || terms.Count > 0)
        {
            parts.Add("search=" + Uri.EscapeDataString(hasSearch ? Join(Search!, terms) : string.Join(" and ", terms)));
        }
        return string.Join("&", parts);
    }

    private List<string> NormalizedStatuses()
    {
        var list = new List<string>();
        foreach (var raw in Status)
        {
            var status = (raw ?? string.Empty).Trim().ToUpperInvariant();
            if (!Statuses.Contains(status))
                throw new ArgumentException($"'{raw}' is not an Okta user status. Use one of {string.Join(", ", Statuses)}.");
            if (!list.Contains(status)) list.Add(status);
        }
        return list;
    }

    private static string StatusTerm(string status) => "status eq \"" + status + "\"";

    private static string Join(string expression, List<string> terms)
    {
        if (terms.Count == 0) return expression.Trim();
        var sb = new StringBuilder("(").Append(expression.Trim()).Append(')');
        foreach (var term in terms) sb.Append(" and ").Append(term);
        return sb.ToString();
    }
}
