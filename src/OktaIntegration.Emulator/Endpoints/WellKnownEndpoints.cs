using System.Collections.Generic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OktaIntegration.Emulator.Data;

namespace OktaIntegration.Emulator.Endpoints;

/// <summary>GET /.well-known/okta-organization: unauthenticated; pipeline idx (OIE) or v1 (Classic).</summary>
internal static class WellKnownEndpoints
{
    public static void MapWellKnown(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/okta-organization", (HttpContext context, OrgState org, EmulatorOptions options) =>
        {
            var origin = $"{context.Request.Scheme}://{context.Request.Host}";
            return Results.Json(new Dictionary<string, object?>
            {
                ["id"] = org.OrgId,
                ["pipeline"] = options.Pipeline,
                ["_links"] = new Dictionary<string, object?>
                {
                    ["organization"] = new Dictionary<string, object?> { ["href"] = origin },
                },
                ["settings"] = new Dictionary<string, object?> { ["analyticsCollectionEnabled"] = false, ["bugReportingEnabled"] = true, ["omEnabled"] = false },
            });
        });
    }
}
