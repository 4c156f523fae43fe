using System;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OktaIntegration.Emulator.Faults;

/// <summary>
/// Not Okta: lets tests in another process (Pester, a killed child PowerShell) arm a
/// <see cref="FaultKind.HoldResponse"/> and wait until a request is caught by it, so a kill lands
/// while a send is in flight rather than after a guessed sleep.
/// </summary>
internal static class FaultControlEndpoints
{
    public static void MapFaultControl(this IEndpointRouteBuilder app)
    {
        // POST /emulator/faults/hold?path=/services/collector/event&skip=1: the second matching request is held.
        app.MapPost("/emulator/faults/hold", (HttpContext context, FaultInjector faults) =>
        {
            var path = context.Request.Query["path"].ToString();
            if (!path.StartsWith('/')) return Results.BadRequest(new { error = "path must be a path prefix such as /_bulk" });
            var skip = int.TryParse(context.Request.Query["skip"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            faults.Add(FaultKind.HoldResponse, path, count: 1, delay: TimeSpan.FromMinutes(5), skip: skip);
            return Results.Json(new { path, skip });
        });
        // POST /emulator/faults/add?kind=Slow&path=/api/v1/zones&count=2&delayMs=300: arms any FaultKind
        // for the next N requests to the path (delayMs for Slow), for tests that run the emulator as a process.
        app.MapPost("/emulator/faults/add", (HttpContext context, FaultInjector faults) =>
        {
            var path = context.Request.Query["path"].ToString();
            if (!path.StartsWith('/')) return Results.BadRequest(new { error = "path must be a path prefix such as /api/v1/zones" });
            if (!Enum.TryParse<FaultKind>(context.Request.Query["kind"].ToString(), ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
                return Results.BadRequest(new { error = "kind must be one of " + string.Join(", ", Enum.GetNames<FaultKind>()) });
            var count = int.TryParse(context.Request.Query["count"], NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0 ? c : 1;
            var delay = int.TryParse(context.Request.Query["delayMs"], NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 300;
            faults.Add(kind, path, count, TimeSpan.FromMilliseconds(delay));
            return Results.Json(new { kind = kind.ToString(), path, count, delayMs = delay });
        });
        // GET /emulator/faults/held?path=...&timeoutSeconds=60: answers once the armed hold has caught a request (504 if it did not in time).
        app.MapGet("/emulator/faults/held", async (HttpContext context, FaultInjector faults) =>
        {
            var path = context.Request.Query["path"].ToString();
            var fault = faults.Find(FaultKind.HoldResponse, path);
            if (fault == null) return Results.NotFound(new { error = "no hold is armed for " + path });
            var seconds = int.TryParse(context.Request.Query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 60;
            var done = await Task.WhenAny(fault.Held, Task.Delay(TimeSpan.FromSeconds(seconds), context.RequestAborted));
            return done == fault.Held ? Results.Json(new { held = true }) : Results.Json(new { held = false }, statusCode: 504);
        });
    }
}
