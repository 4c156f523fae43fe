using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OktaIntegration.Emulator.Auth;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Emulator.Infrastructure;
using OktaIntegration.Emulator.Posture;
using OktaIntegration.Emulator.Users;

namespace OktaIntegration.Emulator.Endpoints;

/// <summary>
/// What a posture audit reads: factors, admin role assignments (per user, per group, and the
/// IAM list of users holding roles), group rules, API token metadata and ThreatInsight.
/// </summary>
internal static class PostureEndpoints
{
    public static void MapPosture(this IEndpointRouteBuilder app)
    {
        // GET /api/v1/users/{userId}/factors: a bare array, never paged; the user by id only.
        app.MapGet("/api/v1/users/{userId}/factors", (HttpContext context, OrgState org, string userId) =>
        {
            var user = org.FindUser(userId);
            if (user == null || user.Id != userId) return OktaErrors.NotFound(userId, "User");
            var baseUrl = EmulatorUrls.BaseOf(context);
            lock (org.Gate) return Results.Json(org.Posture.FactorsOf(user.Id).Select(f => f.ToJson(baseUrl, user.Id)).ToList());
        }).RequireOktaScope("okta.users.read");

        // GET /api/v1/users/{userId}/roles: the user's own roles and those inherited from groups
        // (assignmentType GROUP, assignee link to the group), as Okta lists them.
        app.MapGet("/api/v1/users/{userId}/roles", (HttpContext context, OrgState org, string userId) =>
        {
            var user = org.FindUser(userId);
            if (user == null || user.Id != userId) return OktaErrors.NotFound(userId, "User");
            var baseUrl = EmulatorUrls.BaseOf(context);
            lock (org.Gate)
            {
                var inherited = org.Groups.Where(g => g.MemberIds.Contains(user.Id)).SelectMany(g => org.Posture.RolesHeldBy(g.Id));
                return Results.Json(org.Posture.RolesHeldBy(user.Id).Concat(inherited).Select(r => r.ToJson(baseUrl)).ToList());
            }
        }).RequireOktaScope("okta.roles.read");

        app.MapGet("/api/v1/groups/{groupId}/roles", (HttpContext context, OrgState org, string groupId) =>
        {
            var group = org.FindGroup(groupId);
            if (group == null) return OktaErrors.NotFound(groupId, "UserGroup");
            var baseUrl = EmulatorUrls.BaseOf(context);
            lock (org.Gate) return Results.Json(org.Posture.RolesHeldBy(group.Id).Select(r => r.ToJson(baseUrl)).ToList());
        }).RequireOktaScope("okta.roles.read");

        // GET /api/v1/iam/assignees/users: users with a role assigned to them directly. An IAM list:
        // a wrapped object {"value":[…],"_links":{"next":…}} paged through the body, not Link headers.
        app.MapGet("/api/v1/iam/assignees/users", (HttpContext context, OrgState org) =>
        {
            var limit = PageLinks.Limit(context, 100, 200);
            if (limit is null) return OktaErrors.Result(400, "E0000001", "Api validation failed: limit", new[] { "limit: The limit must be a positive number." });
            List<string> ids;
            lock (org.Gate)
            {
                ids = org.Posture.Roles.Where(r => r.AssignmentType == "USER").Select(r => r.AssigneeId).Distinct().ToList();
            }
            var after = context.Request.Query["after"].ToString();
            var start = after.Length == 0 ? 0 : ids.IndexOf(after) + 1;
            var page = ids.Skip(start).Take(limit.Value).ToList();
            var baseUrl = EmulatorUrls.BaseOf(context);
            var links = new Dictionary<string, object?>();
            if (start + page.Count < ids.Count && page.Count > 0)
                links["next"] = new Dictionary<string, object?> { ["href"] = PageLinks.WithAfter(context, page[^1]) };
            return Results.Json(new Dictionary<string, object?>
            {
                ["value"] = page.Select(id => new Dictionary<string, object?>
                {
                    ["id"] = id,
                    ["orn"] = $"orn:okta:directory:{org.OrgId}:users:{id}",
                    ["_links"] = new Dictionary<string, object?>
                    {
                        ["roles"] = new Dictionary<string, object?> { ["href"] = new Uri(baseUrl, $"api/v1/users/{id}/roles").ToString() },
                        ["user"] = new Dictionary<string, object?> { ["href"] = new Uri(baseUrl, $"api/v1/users/{id}").ToString() },
                    },
                }).ToList(),
                ["_links"] = links,
            });
        }).RequireOktaScope("okta.roles.read");

        // GET /api/v1/groups/rules: default limit 50, maximum 200, Link-header paging.
        app.MapGet("/api/v1/groups/rules", (HttpContext context, OrgState org) =>
        {
            var limit = PageLinks.Limit(context, 50, 200);
            if (limit is null) return OktaErrors.Result(400, "E0000001", "Api validation failed: limit", new[] { "limit: The limit must be a positive number." });
            List<EmulatedGroupRule> rules;
            lock (org.Gate) rules = org.Posture.GroupRules.ToList();
            var after = context.Request.Query["after"].ToString();
            var start = after.Length == 0 ? 0 : rules.FindIndex(r => r.Id == after) + 1;
            var page = rules.Skip(start).Take(limit.Value).ToList();
            PageLinks.Write(context, start + page.Count < rules.Count && page.Count > 0 ? page[^1].Id : null);
            return Results.Json(page.Select(r => r.ToJson()).ToList());
        }).RequireOktaScope("okta.groups.read");

        // GET /api/v1/api-tokens: metadata of active tokens (never a value); default limit 20, max 200; q matches the name.
        app.MapGet("/api/v1/api-tokens", (HttpContext context, OrgState org) =>
        {
            var limit = PageLinks.Limit(context, 20, 200);
            if (limit is null) return OktaErrors.Result(400, "E0000001", "Api validation failed: limit", new[] { "limit: The limit must be a positive number." });
            var q = context.Request.Query["q"].ToString();
            List<EmulatedApiToken> tokens;
            lock (org.Gate) tokens = org.Posture.ApiTokens.Where(t => q.Length == 0 || t.Name.Contains(q, StringComparison.OrdinalIgnoreCase)).ToList();
            var after = context.Request.Query["after"].ToString();
            var start = after.Length == 0 ? 0 : tokens.FindIndex(t => t.Id == after) + 1;
            var page = tokens.Skip(start).Take(limit.Value).ToList();
            PageLinks.Write(context, start + page.Count < tokens.Count && page.Count > 0 ? page[^1].Id : null);
            var baseUrl = EmulatorUrls.BaseOf(context);
            return Results.Json(page.Select(t => t.ToJson(baseUrl, org)).ToList());
        }).RequireOktaScope("okta.apiTokens.read");

        app.MapGet("/api/v1/api-tokens/{apiTokenId}", (HttpContext context, OrgState org, string apiTokenId) =>
        {
            EmulatedApiToken? token;
            lock (org.Gate) token = org.Posture.ApiTokens.FirstOrDefault(t => t.Id == apiTokenId);
            return token == null ? OktaErrors.NotFound(apiTokenId, "ApiToken") : Results.Json(token.ToJson(EmulatorUrls.BaseOf(context), org));
        }).RequireOktaScope("okta.apiTokens.read");

        app.MapGet("/api/v1/threats/configuration", (HttpContext context, OrgState org) =>
        {
            lock (org.Gate) return Results.Json(org.Posture.ThreatInsight.ToJson(EmulatorUrls.BaseOf(context)));
        }).RequireOktaScope("okta.threatInsights.read");

        // POST /api/v1/threats/configuration: action none|audit|block; excludeZones must name
        // existing IP zones. A change is logged as security.threat.configuration.update.
        app.MapPost("/api/v1/threats/configuration", (HttpContext context, OrgState org, ISystemLogSink log) => UpdateThreatInsightAsync(context, org, log))
            .RequireOktaScope("okta.threatInsights.manage");
    }

    private static async Task<IResult> UpdateThreatInsightAsync(HttpContext context, OrgState org, ISystemLogSink log)
    {
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return OktaErrors.Result(400, "E0000003", "The request body was not well-formed.");
        }
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("action", out var actionElement) || actionElement.ValueKind != JsonValueKind.String)
            return OktaErrors.Result(400, "E0000001", "Api validation failed: action", new[] { "action: The field cannot be left blank." });
        var action = actionElement.GetString()!;
        if (action is not ("none" or "audit" or "block"))
            return OktaErrors.Result(400, "E0000001", "Api validation failed: action", new[] { $"action: '{action}' is not one of none, audit, block." });
        var zones = new List<string>();
        if (body.TryGetProperty("excludeZones", out var exclude) && exclude.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in exclude.EnumerateArray())
            {
                var id = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
                var zone = org.FindZone(id);
                if (zone == null || zone.Type != "IP")
                    return OktaErrors.Result(400, "E0000001", "Api validation failed: excludeZones", new[] { $"excludeZones: '{id}' is not an IP network zone of this org." });
                if (!zones.Contains(zone.Id)) zones.Add(zone.Id);
            }
        }
        var settings = org.Posture.ThreatInsight;
        lock (org.Gate)
        {
            settings.Action = action;
            settings.ExcludeZones = zones;
            settings.LastUpdated = DateTimeOffset.UtcNow;
        }
        log.Append(ResponseEvents.For(context, org, "security.threat.configuration.update", "Update ThreatInsight configuration",
            new LogEventParty("threatInsight", "ThreatInsightConfiguration", "ThreatInsight", $"action={action}")));
        lock (org.Gate) return Results.Json(settings.ToJson(EmulatorUrls.BaseOf(context)));
    }
}
