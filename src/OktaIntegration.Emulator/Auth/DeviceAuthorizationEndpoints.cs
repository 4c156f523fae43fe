using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OktaIntegration.Emulator.Infrastructure;

namespace OktaIntegration.Emulator.Auth;

/// <summary>
/// POST /oauth2/v1/device/authorize as Okta answers it for a native app with the Device
/// Authorization grant, and two endpoints that are NOT Okta: /emulator/device/approve and
/// /emulator/device/deny?user_code=..., standing in for the user on the activation page.
/// </summary>
internal static class DeviceAuthorizationEndpoints
{
    public static void MapDeviceAuthorizationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/oauth2/v1/device/authorize", AuthorizeAsync);
        app.MapPost("/emulator/device/approve", (HttpContext c, DeviceAuthorizationStore d) => Decide(c, d.Approve));
        app.MapPost("/emulator/device/deny", (HttpContext c, DeviceAuthorizationStore d) => Decide(c, d.Deny));
    }

    private static async Task AuthorizeAsync(HttpContext context, EmulatorOptions options, DeviceAuthorizationStore devices)
    {
        if (!context.Request.HasFormContentType)
        {
            await OktaErrors.WriteOAuthAsync(context, 400, "invalid_request", "The request must be form-encoded (application/x-www-form-urlencoded).");
            return;
        }
        var form = await context.Request.ReadFormAsync();
        var clientId = form["client_id"].ToString();
        var app = options.Apps.FirstOrDefault(a => a.ClientId == clientId);
        if (clientId.Length == 0 || app == null)
        {
            await OktaErrors.WriteOAuthAsync(context, 401, "invalid_client", "The client_id is invalid.");
            return;
        }
        if (!app.PublicClient)
        {
            await OktaErrors.WriteOAuthAsync(context, 400, "unauthorized_client", "The client is not authorized to use the provided grant type. Configured grant types: [client_credentials].");
            return;
        }
        var requested = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var refused = requested.Where(s => !app.GrantedScopes.Contains(s) && s is not ("openid" or "profile" or "offline_access")).ToArray();
        if (requested.Length == 0 || refused.Length > 0)
        {
            await OktaErrors.WriteOAuthAsync(context, 400, "invalid_scope", $"The following scopes are not allowed: [{string.Join(", ", refused.Length > 0 ? refused : requested)}]");
            return;
        }
        var authorization = devices.Create(clientId, requested.Distinct().ToArray(), options.DeviceCodeInterval, options.DeviceCodeLifetime, options.AutoApproveDeviceCodes);
        var activate = $"{context.Request.Scheme}://{context.Request.Host}/activate";
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(new System.Collections.Generic.Dictionary<string, object>
        {
            ["device_code"] = authorization.DeviceCode,
            ["user_code"] = authorization.UserCode,
            ["verification_uri"] = activate,
            ["verification_uri_complete"] = activate + "?user_code=" + authorization.UserCode,
            ["expires_in"] = (long)options.DeviceCodeLifetime.TotalSeconds,
            ["interval"] = (long)Math.Max(1, options.DeviceCodeInterval.TotalSeconds),
        });
    }

    private static IResult Decide(HttpContext context, Func<string, bool> decide)
    {
        var userCode = context.Request.Query["user_code"].ToString();
        return decide(userCode)
            ? Results.NoContent()
            : Results.NotFound(new { error = "not_found", error_description = "No pending device authorization has that user_code (emulator test endpoint, not Okta)." });
    }
}
