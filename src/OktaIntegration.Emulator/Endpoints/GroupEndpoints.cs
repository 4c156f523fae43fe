using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OktaIntegration.Emulator.Auth;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Emulator.Groups;
using OktaIntegration.Emulator.Infrastructure;

namespace OktaIntegration.Emulator.Endpoints;

/// <summary>The emulated org's groups and members (okta-api-facts §4).</summary>
internal static class GroupEndpoints
{
    /// <summary>Okta's cap for an unpaged <c>q</c> query.</summary>
    private const int QueryLimit = 300;

    /// <summary>The spec's maximum <c>limit</c> (and the legacy docs' default) for listGroups.</summary>
    private const int MaxListLimit = 10_000;

    /// <summary>listGroupUsers' default page, "very high for historical reasons"; the spec sets no maximum.</summary>
    private const int DefaultMemberLimit = 1000;

    public static void MapGroups(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/groups", (HttpContext context, OrgState org) => ListGroups(context, org)).RequireOktaScope("okta.groups.read");

        app.MapGet("/api/v1/groups/{groupId}", (HttpContext context, OrgState org, string groupId) =>
        {
            var group = org.FindGroup(groupId);
            if (group == null) return OktaErrors.NotFound(groupId, "UserGroup");
            return Results.Json(ToJson(context, org, group, Expand(context)));
        }).RequireOktaScope("okta.groups.read");

        app.MapGet("/api/v1/groups/{groupId}/users", (HttpContext context, OrgState org, GroupFaults faults, string groupId) =>
        {
            var group = org.FindGroup(groupId);
            if (group == null) return OktaErrors.NotFound(groupId, "UserGroup");
            var limit = PageLinks.Limit(context, DefaultMemberLimit, int.MaxValue);
            if (limit is null) return LimitError();
            var (page, next, pageIndex) = org.MemberPage(group, context.Request.Query["after"].ToString(), limit.Value);
            if (faults.Take(groupId, pageIndex)) return OktaErrors.Result(500, "E0000009", "Internal Server Error");
            PageLinks.Write(context, next);
            var baseUrl = EmulatorUrls.BaseOf(context);
            return Results.Json(page.Select(u => u.ToJson(baseUrl)));
        }).RequireOktaScope("okta.groups.read");
    }

    private static IResult ListGroups(HttpContext context, OrgState org)
    {
        var query = context.Request.Query;
        var q = query["q"].ToString();
        var search = query["search"].ToString();
        var filter = query["filter"].ToString();
        if (search.Length > 0 && filter.Length > 0)
            return OktaErrors.Result(400, "E0000033", "Bad request. Can't specify a search query and filter in the same request.");

        IEnumerable<EmulatedGroup> groups = org.Groups;
        try
        {
            if (search.Length > 0) groups = groups.Where(GroupExpression.Parse(search, isFilter: false));
            if (filter.Length > 0) groups = groups.Where(GroupExpression.Parse(filter, isFilter: true));
        }
        catch (FormatException ex)
        {
            return OktaErrors.Result(400, "E0000031", "Invalid search criteria.", new[] { ex.Message });
        }
        if (q.Length > 0) groups = groups.Where(g => g.Name.StartsWith(q, StringComparison.OrdinalIgnoreCase));
        if (search.Length > 0) groups = Sort(groups, query["sortBy"].ToString(), query["sortOrder"].ToString());

        var expand = Expand(context);
        var list = groups.ToList();
        if (q.Length > 0)
        {
            // q is for auto-complete: one page, never a next link.
            var qLimit = PageLinks.Limit(context, QueryLimit, QueryLimit);
            if (qLimit is null) return LimitError();
            PageLinks.Write(context, null);
            return Results.Json(list.Take(qLimit.Value).Select(g => ToJson(context, org, g, expand)));
        }

        var limit = PageLinks.Limit(context, MaxListLimit, MaxListLimit);
        if (limit is null) return LimitError();
        var after = query["after"].ToString();
        var start = after.Length == 0 ? 0 : list.FindIndex(g => g.Id == after) + 1;
        var page = list.Skip(start).Take(limit.Value).ToList();
        PageLinks.Write(context, start + page.Count < list.Count && page.Count > 0 ? page[^1].Id : null);
        return Results.Json(page.Select(g => ToJson(context, org, g, expand)));
    }

    private static IEnumerable<EmulatedGroup> Sort(IEnumerable<EmulatedGroup> groups, string sortBy, string sortOrder)
    {
        if (sortBy.Length == 0) return groups;
        Func<EmulatedGroup, string> key = sortBy switch
        {
            "profile.name" => g => g.Name,
            "profile.description" => g => g.Description ?? string.Empty,
            "created" => g => EmulatedUser.Iso(g.Created),
            "lastUpdated" => g => EmulatedUser.Iso(g.LastUpdated),
            "lastMembershipUpdated" => g => EmulatedUser.Iso(g.LastMembershipUpdated),
            "type" => g => g.Type,
            _ => g => g.Id,
        };
        return string.Equals(sortOrder, "desc", StringComparison.OrdinalIgnoreCase)
            ? groups.OrderByDescending(key, StringComparer.OrdinalIgnoreCase)
            : groups.OrderBy(key, StringComparer.OrdinalIgnoreCase);
    }

    private static HashSet<string> Expand(HttpContext context) =>
        new(context.Request.Query["expand"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);

    private static Dictionary<string, object?> ToJson(HttpContext context, OrgState org, EmulatedGroup group, HashSet<string> expand)
    {
        int? count = null;
        if (expand.Contains("stats")) lock (org.Gate) count = group.MemberIds.Count;
        var json = group.ToJson(EmulatorUrls.BaseOf(context), count);
        if (expand.Contains("app") && group.SourceAppId != null)
        {
            var embedded = json.TryGetValue("_embedded", out var e) && e is Dictionary<string, object?> d ? d : new Dictionary<string, object?>();
            embedded["app"] = new Dictionary<string, object?>
            {
                ["id"] = group.SourceAppId, ["name"] = "active_directory", ["label"] = "corp.example.com", ["signOnMode"] = "BOOKMARK",
            };
            json["_embedded"] = embedded;
        }
        return json;
    }

    private static IResult LimitError() =>
        OktaErrors.Result(400, "E0000001", "Api validation failed: limit", new[] { "limit: The limit must be a positive number." });
}
