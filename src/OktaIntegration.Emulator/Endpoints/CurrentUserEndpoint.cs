using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OktaIntegration.Emulator.Auth;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Emulator.Infrastructure;

namespace OktaIntegration.Emulator.Endpoints;

/// <summary>
/// GET /api/v1/users/me: the admin behind an SSWS token (the first seeded ACTIVE user). An
/// OAuth service app has no user, so Okta answers 404 there.
/// </summary>
internal static class CurrentUserEndpoint
{
    public static void MapCurrentUser(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/users/me", (HttpContext context, OrgState org) =>
        {
            var principal = EmulatorPrincipal.Of(context);
            if (principal?.Kind != "SSWS") return OktaErrors.NotFound("me", "User");
            var admin = org.Users[0];
            return Results.Json(admin.ToJson(EmulatorUrls.BaseOf(context)));
        }).RequireOktaScope("okta.users.read");
    }
}

/// <summary>The org's own base URL as the client called it, for links in bodies and headers.</summary>
public static class EmulatorUrls
{
    public static Uri BaseOf(HttpContext context) => new($"{context.Request.Scheme}://{context.Request.Host}/");
}
