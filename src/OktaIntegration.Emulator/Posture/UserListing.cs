using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.Http;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Emulator.Endpoints;
using OktaIntegration.Emulator.Infrastructure;

namespace OktaIntegration.Emulator.Posture;

/// <summary>
/// GET /api/v1/users with its three ways to narrow the list: <c>q</c> (prefix of first name,
/// last name or email; skips DEPROVISIONED; default limit 10; never paged), <c>search</c> and
/// <c>filter</c> (see <see cref="UserExpression"/>; default and maximum limit 200; paged with
/// an opaque after cursor in the Link header). search and filter together are a 400. With none
/// of the three, the list leaves out DEPROVISIONED users, as Okta's "list all users" does; a
/// filter or search on status finds them.
/// </summary>
internal static class UserListing
{
    public static IResult List(HttpContext context, OrgState org)
    {
        var query = context.Request.Query;
        var q = query["q"].ToString();
        var search = query["search"].ToString();
        var filter = query["filter"].ToString();
        if (search.Length > 0 && filter.Length > 0)
            return OktaErrors.Result(400, "E0000033", "Bad request. Can't specify a search query and filter in the same request.");
        var limit = PageLinks.Limit(context, q.Length > 0 ? 10 : 200, 200);
        if (limit is null) return OktaErrors.Result(400, "E0000001", "Api validation failed: limit", new[] { "limit: The limit must be a positive number." });

        IEnumerable<EmulatedUser> users = org.Users;
        try
        {
            if (search.Length > 0) users = users.Where(UserExpression.Parse(search, isFilter: false));
            if (filter.Length > 0) users = users.Where(UserExpression.Parse(filter, isFilter: true));
            if (q.Length == 0 && search.Length == 0 && filter.Length == 0) users = users.Where(u => u.Status != "DEPROVISIONED");
        }
        catch (FormatException ex)
        {
            return OktaErrors.Result(400, "E0000031", "Invalid search criteria.", new[] { ex.Message });
        }
        var baseUrl = EmulatorUrls.BaseOf(context);
        if (q.Length > 0)
        {
            var found = users.Where(u => u.Status != "DEPROVISIONED" && (Starts(u.FirstName, q) || Starts(u.LastName, q) || Starts(u.Email, q) || Starts(u.Login, q)))
                .Take(limit.Value).ToList();
            PageLinks.Write(context, null);
            lock (org.Gate) return Results.Json(found.Select(u => u.ToJson(baseUrl)).ToList());
        }

        var list = users.ToList();
        var after = query["after"].ToString();
        var start = after.Length == 0 ? 0 : list.FindIndex(u => u.Id == after) + 1;
        var page = list.Skip(start).Take(limit.Value).ToList();
        var more = start + page.Count < list.Count;
        PageLinks.Write(context, more && page.Count > 0 ? page[^1].Id : null);
        lock (org.Gate) return Results.Json(page.Select(u => u.ToJson(baseUrl)).ToList());
    }

    private static bool Starts(string? value, string prefix) => value?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) == true;
}
