using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OktaIntegration.Emulator.Siem;

/// <summary>
/// /services/collector/event and /services/collector/ack as Splunk documents them: Authorization
/// "Splunk &lt;token&gt;", concatenated JSON event objects, X-Splunk-Request-Channel (required when
/// the token has indexer acknowledgement), {"text","code"} answers with Splunk's codes.
/// </summary>
internal static class SplunkHecEndpoints
{
    public static void MapSplunkHec(this IEndpointRouteBuilder app)
    {
        app.MapPost("/services/collector/event", Event);
        app.MapPost("/services/collector/event/1.0", Event);
        app.MapPost("/services/collector", Event);
        app.MapPost("/services/collector/ack", Ack);
        // Not Splunk: the emulator's ground truth for tests run in another process (Pester).
        app.MapGet("/emulator/splunk/indexed", (SplunkHecReceiver hec) => Results.Json(hec.Indexed.Select(e => new { uuid = e.Uuid, sourcetype = e.Sourcetype }).ToArray()));
    }

    private static async Task Event(HttpContext context)
    {
        var hec = context.RequestServices.GetRequiredService<SplunkHecReceiver>();
        var (ack, failed) = await AuthenticateAsync(context, hec);
        if (failed) return;
        if (hec.TakeBusy())
        {
            await Answer(context, 503, "Server is busy", 9);
            return;
        }
        var channel = Channel(context);
        if (ack == true && channel == null)
        {
            await Answer(context, 400, "Data channel is missing", 10);
            return;
        }
        if (channel != null && !Guid.TryParse(channel, out _))
        {
            await Answer(context, 400, "Invalid data channel", 11);
            return;
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > hec.MaxContentLength)
        {
            context.Response.StatusCode = 413;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync($"Content-Length of {body.Length} too large (maximum is {hec.MaxContentLength})");
            return;
        }
        if (body.Length == 0)
        {
            await Answer(context, 400, "No data", 5);
            return;
        }
        var events = new List<HecEvent>();
        var reader = new Utf8JsonReader(body.ToArray(), new JsonReaderOptions { AllowMultipleValues = true });
        var number = 0;
        try
        {
            while (reader.Read())
            {
                using var doc = JsonDocument.ParseValue(ref reader);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("event", out var e) || e.ValueKind is JsonValueKind.Null)
                {
                    await Answer(context, 400, "Event field is required", 12, number);
                    return;
                }
                string? uuid = root.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Object && f.TryGetProperty("okta_uuid", out var u) ? u.GetString() : null;
                events.Add(new HecEvent(uuid, Text(root, "sourcetype"), Text(root, "index"), e.GetRawText()));
                number++;
            }
        }
        catch (JsonException)
        {
            await Answer(context, 400, "Invalid data format", 6, number);
            return;
        }
        var id = hec.Accept(ack == true ? channel : null, events, ack == true && hec.TakeDrop());
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        if (id is { } ackId) await context.Response.WriteAsync($"{{\"text\":\"Success\",\"code\":0,\"ackId\":{ackId}}}");
        else await context.Response.WriteAsync("{\"text\":\"Success\",\"code\":0}");
    }

    private static async Task Ack(HttpContext context)
    {
        var hec = context.RequestServices.GetRequiredService<SplunkHecReceiver>();
        var (ack, failed) = await AuthenticateAsync(context, hec);
        if (failed) return;
        if (ack != true)
        {
            await Answer(context, 400, "ACK is disabled", 14);
            return;
        }
        var channel = Channel(context);
        if (channel == null)
        {
            await Answer(context, 400, "Data channel is missing", 10);
            return;
        }
        List<long> ids;
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            ids = doc.RootElement.GetProperty("acks").EnumerateArray().Select(a => a.GetInt64()).ToList();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            await Answer(context, 400, "Invalid data format", 6);
            return;
        }
        var answer = hec.Poll(channel, ids);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object> { ["acks"] = answer }));
    }

    private static async Task<(bool? Ack, bool Failed)> AuthenticateAsync(HttpContext context, SplunkHecReceiver hec)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            await Answer(context, 401, "Token is required", 2);
            return (null, true);
        }
        if (!header.StartsWith("Splunk ", StringComparison.Ordinal))
        {
            await Answer(context, 401, "Invalid authorization", 3);
            return (null, true);
        }
        var ack = hec.AckEnabled(header.Substring("Splunk ".Length).Trim());
        if (ack == null)
        {
            await Answer(context, 403, "Invalid token", 4);
            return (null, true);
        }
        return (ack, false);
    }

    private static string? Channel(HttpContext context)
    {
        var header = context.Request.Headers["X-Splunk-Request-Channel"].ToString();
        if (!string.IsNullOrEmpty(header)) return header;
        var query = context.Request.Query["channel"].ToString();
        return string.IsNullOrEmpty(query) ? null : query;
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static Task Answer(HttpContext context, int status, string text, int code, int? invalidEvent = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var extra = invalidEvent is { } n ? $",\"invalid-event-number\":{n}" : string.Empty;
        return context.Response.WriteAsync($"{{\"text\":{JsonSerializer.Serialize(text)},\"code\":{code}{extra}}}");
    }
}
