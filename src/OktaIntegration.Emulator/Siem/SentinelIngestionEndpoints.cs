using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OktaIntegration.Emulator.Siem;

/// <summary>
/// Entra's client-credentials token endpoint (/{tenant}/oauth2/v2.0/token; client secret or a
/// certificate's client assertion) and the Logs Ingestion
/// API (/dataCollectionRules/{id}/streams/{stream}?api-version=...), as documented: a JSON array
/// body of at most 1 MB, 204 on success, 413 above the limit, 429 with Retry-After, 401/403/404.
/// </summary>
internal static class SentinelIngestionEndpoints
{
    public static void MapSentinelIngestion(this IEndpointRouteBuilder app)
    {
        app.MapPost("/{tenant}/oauth2/v2.0/token", Token);
        app.MapPost("/dataCollectionRules/{dcr}/streams/{stream}", Ingest);
        // Not Azure: the rows stored so far, for tests that run the emulator as a separate process.
        app.MapGet("/emulator/sentinel/rows", (SentinelIngestionReceiver sentinel) => Results.Content("[" + string.Join(",", sentinel.Rows) + "]", "application/json"));
    }

    private static async Task Token(HttpContext context)
    {
        var sentinel = context.RequestServices.GetRequiredService<SentinelIngestionReceiver>();
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var tenant = (string?)context.Request.RouteValues["tenant"];
        if (tenant != SentinelIngestionReceiver.TenantId)
        {
            await Json(context, 400, new { error = "invalid_request", error_description = "AADSTS90002: Tenant not found." });
            return;
        }
        if (form.ContainsKey("client_assertion_type"))
        {
            var failure = form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                ? "AADSTS50027: The client_assertion_type is not supported."
                : await EntraClientAssertionValidator.ValidateAsync(form["client_assertion"], form.ContainsKey("client_id") ? (string?)form["client_id"] : null,
                    $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}", sentinel);
            if (failure != null || form["grant_type"] != "client_credentials")
            {
                await Json(context, 401, new { error = "invalid_client", error_description = failure ?? "AADSTS70003: The grant type is not supported." });
                return;
            }
        }
        else if (form["grant_type"] != "client_credentials" || form["client_id"] != SentinelIngestionReceiver.ClientId || form["client_secret"] != SentinelIngestionReceiver.ClientSecret)
        {
            await Json(context, 401, new { error = "invalid_client", error_description = "AADSTS7000215: Invalid client secret provided." });
            return;
        }
        if (form["scope"] != "https://monitor.azure.com//.default")
        {
            await Json(context, 400, new { error = "invalid_scope", error_description = "AADSTS70011: The provided value for scope is not valid." });
            return;
        }
        await Json(context, 200, new { token_type = "Bearer", expires_in = 3599, ext_expires_in = 3599, access_token = sentinel.IssueToken() });
    }

    private static async Task Ingest(HttpContext context)
    {
        var sentinel = context.RequestServices.GetRequiredService<SentinelIngestionReceiver>();
        var auth = context.Request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || !sentinel.ValidToken(auth.Substring(7).Trim()))
        {
            await Json(context, 401, new { error = new { code = "InvalidToken", message = "The access token is missing or invalid." } });
            return;
        }
        if (string.IsNullOrEmpty(context.Request.Query["api-version"]))
        {
            await Json(context, 400, new { error = new { code = "MissingApiVersionParameter", message = "The api-version query parameter is required." } });
            return;
        }
        if ((string?)context.Request.RouteValues["dcr"] != SentinelIngestionReceiver.DcrImmutableId || (string?)context.Request.RouteValues["stream"] != SentinelIngestionReceiver.Stream)
        {
            await Json(context, 404, new { error = new { code = "NotFound", message = "Data collection rule or stream not found." } });
            return;
        }
        if (sentinel.TakeThrottle())
        {
            context.Response.Headers.RetryAfter = sentinel.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Json(context, 429, new { error = new { code = "TooManyRequests", message = "Rate limit exceeded." } });
            return;
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > SentinelIngestionReceiver.MaxBodyBytes)
        {
            sentinel.CountTooLarge();
            await Json(context, 413, new { error = new { code = "ContentLengthLimitExceeded", message = "Maximum allowed content length: 1048576 bytes." } });
            return;
        }
        string[] rows;
        try
        {
            using var doc = JsonDocument.Parse(body.ToArray());
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new JsonException("not an array");
            rows = doc.RootElement.EnumerateArray().Select(r => r.GetRawText()).ToArray();
        }
        catch (JsonException)
        {
            await Json(context, 400, new { error = new { code = "InvalidPayload", message = "The body must be a JSON array." } });
            return;
        }
        sentinel.Add(rows);
        if (sentinel.TakeLostResponse())
        {
            context.Abort(); // stored, but the client never hears so
            return;
        }
        context.Response.StatusCode = 204;
    }

    private static Task Json(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
