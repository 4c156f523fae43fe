using System;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OktaIntegration.Emulator.Auth;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Emulator.Infrastructure;

namespace OktaIntegration.Emulator.Endpoints;

/// <summary>The emulated org's users, sessions and lifecycle.</summary>
internal static class UserEndpoints
{
    public static void MapUsers(this IEndpointRouteBuilder app)
    {
        // GET /api/v1/users: paged by Link header (default 200, max 200), cursor = last user id.
        app.MapGet("/api/v1/users", (HttpContext context, OrgState org) =>
        {
            var limit = PageLinks.Limit(context, 200, 200);
            if (limit is null) return OktaErrors.Result(400, "E0000001", "Api validation failed: limit", new[] { "limit: The limit must be a positive number." });
            var users = org.Users.ToList();
            var after = context.Request.Query["after"].ToString();
            var start = after.Length == 0 ? 0 : users.FindIndex(u => u.Id == after) + 1;
            var page = users.Skip(start).Take(limit.Value).ToList();
            var more = start + page.Count < users.Count;
            PageLinks.Write(context, more && page.Count > 0 ? page[^1].Id : null);
            var baseUrl = EmulatorUrls.BaseOf(context);
            return Results.Json(page.Select(u => u.ToJson(baseUrl)));
        }).RequireOktaScope("okta.users.read");
    }
}
