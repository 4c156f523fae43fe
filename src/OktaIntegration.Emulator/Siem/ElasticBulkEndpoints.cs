using System;
using System.Linq;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OktaIntegration.Emulator.Siem;

/// <summary>
/// POST /_bulk and /{index}/_bulk with NDJSON bodies (action line, document line), answering as
/// Elasticsearch does: 200 with "errors" and one status per item (201 created, 409 conflict, 429
/// rejected), or a whole-request 401/413/429 with an "error" object.
/// </summary>
internal static class ElasticBulkEndpoints
{
    public static void MapElasticBulk(this IEndpointRouteBuilder app)
    {
        app.MapPost("/_bulk", context => Bulk(context, null));
        app.MapPost("/{index}/_bulk", context => Bulk(context, (string?)context.Request.RouteValues["index"]));
    }

    private static async Task Bulk(HttpContext context, string? defaultIndex)
    {
        var es = context.RequestServices.GetRequiredService<ElasticBulkReceiver>();
        if (!es.Authorized(context.Request.Headers.Authorization.ToString()))
        {
            await Error(context, 401, "security_exception", "missing authentication credentials for REST request [/_bulk]");
            return;
        }
        if (es.TakeThrottle())
        {
            await Error(context, 429, "circuit_breaking_exception", "[parent] Data too large");
            return;
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > es.MaxContentLength)
        {
            es.CountTooLarge();
            context.Response.StatusCode = 413;
            return;
        }
        var lines = Encoding.UTF8.GetString(body.ToArray()).Split('\n');
        using var output = new MemoryStream();
        var errors = false;
        using (var w = new Utf8JsonWriter(output))
        {
            w.WriteStartObject();
            w.WriteNumber("took", 1);
            w.WritePropertyName("items");
            w.WriteStartArray();
            var position = 0;
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length == 0) continue;
                string op, index, id;
                try
                {
                    using var action = JsonDocument.Parse(lines[i]);
                    var prop = action.RootElement.EnumerateObject().First();
                    op = prop.Name;
                    index = prop.Value.TryGetProperty("_index", out var ix) ? ix.GetString()! : defaultIndex ?? throw new FormatException("no index");
                    id = prop.Value.TryGetProperty("_id", out var d) ? d.GetString()! : Guid.NewGuid().ToString("N");
                }
                catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
                {
                    await Error(context, 400, "illegal_argument_exception", "Malformed action/metadata line [" + (i + 1) + "]");
                    return;
                }
                var document = i + 1 < lines.Length ? lines[++i] : string.Empty;
                bool hasTimestamp;
                try
                {
                    using var doc = JsonDocument.Parse(document);
                    hasTimestamp = doc.RootElement.TryGetProperty("@timestamp", out _);
                }
                catch (JsonException)
                {
                    await Error(context, 400, "x_content_parse_exception", "Failed to parse document on line [" + (i + 1) + "]");
                    return;
                }
                (int Status, string? Type, string? Reason) result = op == "create"
                    ? es.Create(index, id, document, position, hasTimestamp)
                    : index.StartsWith("logs-", StringComparison.Ordinal)
                        ? (400, "illegal_argument_exception", "only write ops with an op_type of create are allowed in data streams")
                        : (400, "illegal_argument_exception", "this emulator accepts create actions only");
                position++;
                w.WriteStartObject();
                w.WriteStartObject(op);
                w.WriteString("_index", index);
                w.WriteString("_id", id);
                w.WriteNumber("status", result.Status);
                if (result.Status == 201) w.WriteString("result", "created");
                else
                {
                    errors = true;
                    w.WriteStartObject("error");
                    w.WriteString("type", result.Type);
                    w.WriteString("reason", result.Reason);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteBoolean("errors", errors);
            w.WriteEndObject();
        }
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(output.ToArray(), context.RequestAborted);
    }

    private static Task Error(HttpContext context, int status, string type, string reason)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync($"{{\"error\":{{\"type\":{JsonSerializer.Serialize(type)},\"reason\":{JsonSerializer.Serialize(reason)}}},\"status\":{status}}}");
    }
}
