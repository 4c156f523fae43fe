using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OktaIntegration.Emulator.Infrastructure;

/// <summary>X-Okta-Request-Id and Date on every response, and the request journal entry.</summary>
internal sealed class CommonHeadersMiddleware
{
    private readonly RequestDelegate _next;
    private readonly RequestJournal _journal;

    public CommonHeadersMiddleware(RequestDelegate next, RequestJournal journal)
    {
        _next = next;
        _journal = journal;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var auth = context.Request.Headers.Authorization.ToString();
        var space = auth.IndexOf(' ');
        var record = new RecordedRequest(DateTimeOffset.UtcNow, context.Request.Method, context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? string.Empty, auth.Length == 0 ? null : space > 0 ? auth.Substring(0, space) : auth,
            context.Request.Headers.ContainsKey("DPoP"));
        _journal.Add(record);
        context.Response.Headers["X-Okta-Request-Id"] = "X" + Guid.NewGuid().ToString("N").Substring(0, 20);
        context.Response.Headers.Date = DateTimeOffset.UtcNow.ToString("R");
        context.Response.OnStarting(() =>
        {
            record.Status = context.Response.StatusCode;
            var resets = context.Response.Headers["X-Rate-Limit-Reset"];
            long? min = null;
            foreach (var value in resets)
            {
                if (long.TryParse(value, out var reset)) min = min is null ? reset : Math.Min(min.Value, reset);
            }
            record.RateLimitReset = min;
            return Task.CompletedTask;
        });
        await _next(context);
        record.Status = context.Response.StatusCode;
    }
}
