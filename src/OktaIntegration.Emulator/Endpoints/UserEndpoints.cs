using System;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OktaIntegration.Emulator.Auth;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Emulator.Infrastructure;
using OktaIntegration.Emulator.Users;

namespace OktaIntegration.Emulator.Endpoints;

/// <summary>The emulated org's users, sessions and lifecycle.</summary>
internal static class UserEndpoints
{
    public static void MapUsers(this IEndpointRouteBuilder app)
    {
        // GET /api/v1/users: q, search or filter; paged by Link header (default 200, max 200), cursor = last user id.
        app.MapGet("/api/v1/users", (HttpContext context, OrgState org) => Posture.UserListing.List(context, org))
            .RequireOktaScope("okta.users.read");

        // GET /api/v1/users/{idOrLogin}: id, login or login short name. The route value arrives
        // percent-decoded except %2F, so a login containing '/' is found only by id, as on Okta.
        app.MapGet("/api/v1/users/{idOrLogin}", (HttpContext context, OrgState org, string idOrLogin) =>
        {
            var user = org.FindUser(idOrLogin);
            if (user == null) return OktaErrors.NotFound(idOrLogin, "User");
            lock (org.Gate) return Results.Json(UserLinks.WithLifecycleLinks(user, EmulatorUrls.BaseOf(context)));
        }).RequireOktaScope("okta.users.read");

        // DELETE /api/v1/users/{userId}/sessions: by id only. forgetDevices defaults to true on
        // Identity Engine and false on Classic; oauthTokens defaults to false.
        app.MapDelete("/api/v1/users/{userId}/sessions", (HttpContext context, OrgState org, EmulatorOptions options, ResponseActionJournal journal, string userId) =>
        {
            var user = FindById(org, userId);
            if (user == null) return OktaErrors.NotFound(userId, "User");
            var oauthTokens = Flag(context, "oauthTokens", false);
            var forgetDevices = Flag(context, "forgetDevices", options.Pipeline == "idx");
            if (oauthTokens is null || forgetDevices is null)
                return OktaErrors.Result(400, "E0000001", "Api validation failed: revokeUserSessions", new[] { "oauthTokens and forgetDevices must be true or false." });
            SessionRevocationRecord record;
            lock (org.Gate)
            {
                record = new SessionRevocationRecord(user.Id, oauthTokens.Value, forgetDevices.Value, user.ActiveSessions,
                    oauthTokens.Value ? user.OAuthTokens : 0, forgetDevices.Value ? user.RememberedDevices : 0, DateTimeOffset.UtcNow);
                user.ActiveSessions = 0;
                if (oauthTokens.Value) user.OAuthTokens = 0;
                if (forgetDevices.Value) user.RememberedDevices = 0;
            }
            journal.Record(record, ResponseEvents.For(context, org, "user.session.clear", "Clear user session", ResponseEvents.UserTarget(user)));
            return Results.NoContent();
        }).RequireOktaScope("okta.users.manage");

        app.MapPost("/api/v1/users/{userId}/lifecycle/suspend", (HttpContext context, OrgState org, ResponseActionJournal journal, string userId) =>
            ChangeStatus(context, org, journal, userId, "suspend", "ACTIVE", "SUSPENDED", "Suspend Okta user", "Cannot suspend a user that is not active"))
            .RequireOktaScope("okta.users.manage");

        app.MapPost("/api/v1/users/{userId}/lifecycle/unsuspend", (HttpContext context, OrgState org, ResponseActionJournal journal, string userId) =>
            ChangeStatus(context, org, journal, userId, "unsuspend", "SUSPENDED", "ACTIVE", "Unsuspend Okta user", "Cannot unsuspend a user that is not suspended"))
            .RequireOktaScope("okta.users.manage");
    }

    /// <summary>Suspend and unsuspend: allowed from exactly one status; anything else is 400 E0000001. Success is 200 with {}.</summary>
    private static IResult ChangeStatus(HttpContext context, OrgState org, ResponseActionJournal journal, string userId,
        string operation, string requiredStatus, string newStatus, string displayMessage, string wrongStateCause)
    {
        if (BodylessPost.RequireContentLength(context) is { } lengthRequired) return lengthRequired;
        var user = FindById(org, userId);
        if (user == null) return OktaErrors.NotFound(userId, "User");
        LifecycleChangeRecord record;
        lock (org.Gate)
        {
            if (user.Status != requiredStatus)
                return OktaErrors.Result(400, "E0000001", $"Api validation failed: {operation}", new[] { wrongStateCause });
            var now = DateTimeOffset.UtcNow;
            record = new LifecycleChangeRecord(user.Id, operation, user.Status, newStatus, now);
            user.Status = newStatus;
            user.StatusChanged = now;
            user.LastUpdated = now;
        }
        journal.Record(record, ResponseEvents.For(context, org, "user.lifecycle." + operation, displayMessage, ResponseEvents.UserTarget(user)));
        return Results.Json(new System.Collections.Generic.Dictionary<string, object?>());
    }

    /// <summary>Session and lifecycle paths take the user id; a login there is not found, as on Okta.</summary>
    private static EmulatedUser? FindById(OrgState org, string userId)
    {
        var user = org.FindUser(userId);
        return user != null && user.Id == userId ? user : null;
    }

    /// <summary>A boolean query parameter: its default when absent, null when it is not true/false.</summary>
    private static bool? Flag(HttpContext context, string name, bool defaultValue)
    {
        if (!context.Request.Query.TryGetValue(name, out var values)) return defaultValue;
        var text = values.ToString();
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)) return false;
        return null;
    }
}
