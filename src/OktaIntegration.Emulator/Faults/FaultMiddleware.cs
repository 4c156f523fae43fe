using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using OktaIntegration.Emulator.Infrastructure;

namespace OktaIntegration.Emulator.Faults;

/// <summary>Applies armed faults: before the endpoint (errors, delays) and after it (cut bodies, foreign links).</summary>
public sealed class FaultMiddleware
{
    public const string ForeignOrigin = "https://attacker.example.net";
    private readonly RequestDelegate _next;
    private readonly FaultInjector _faults;

    public FaultMiddleware(RequestDelegate next, FaultInjector faults)
    {
        _next = next;
        _faults = faults;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (_faults.TakeFault(path, FaultKind.Slow) is { } slow)
            await Task.Delay(slow.Delay, context.RequestAborted);
        if (_faults.Take(path, FaultKind.ServerError))
        {
            await OktaErrors.WriteAsync(context, 500, "E0000009", "Internal Server Error");
            return;
        }
        if (_faults.Take(path, FaultKind.ServiceUnavailable))
        {
            context.Response.StatusCode = 503;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body><h1>503 Service Unavailable</h1></body></html>");
            return;
        }

        if (_faults.TakeFault(path, FaultKind.HoldResponse) is { } hold)
        {
            await HoldAsync(context, hold);
            return;
        }

        var reset = _faults.Take(path, FaultKind.ResetMidBody);
        var truncate = _faults.Take(path, FaultKind.TruncatedJson);
        var foreign = _faults.Take(path, FaultKind.ForeignNextLink);
        var repeated = _faults.Take(path, FaultKind.RepeatedNextLink);
        if (!reset && !truncate && !foreign && !repeated)
        {
            await _next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = await RunBufferedAsync(context);
        var bytes = buffer.ToArray();
        if (foreign && context.Response.Headers.TryGetValue("Link", out var links))
        {
            context.Response.Headers["Link"] = new Microsoft.Extensions.Primitives.StringValues(links
                .Select(l => l != null && l.Contains("rel=\"next\"") ? RewriteOrigin(l) : l).ToArray());
        }
        if (repeated)
        {
            // The next link (added when the page had none: a list served whole) points at this very page.
            var self = "<" + context.Request.Scheme + "://" + context.Request.Host + context.Request.Path + context.Request.QueryString + ">; rel=\"next\"";
            var served = context.Response.Headers.TryGetValue("Link", out var servedLinks) ? servedLinks.Where(l => l != null && !l.Contains("rel=\"next\"")).ToList() : new List<string?>();
            served.Add(self);
            context.Response.Headers["Link"] = new Microsoft.Extensions.Primitives.StringValues(served.ToArray());
        }
        if (reset)
        {
            context.Response.ContentLength = bytes.Length;
            await original.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted);
            await original.FlushAsync(context.RequestAborted);
            context.Abort();
            return;
        }
        if (truncate)
        {
            var cut = Math.Max(1, bytes.Length / 3);
            context.Response.ContentLength = cut;
            await original.WriteAsync(bytes.AsMemory(0, cut), context.RequestAborted);
            return;
        }
        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>Runs the endpoint with its response kept back, then holds it until the client disconnects (or the fault's delay passes).</summary>
    private async Task HoldAsync(HttpContext context, Fault hold)
    {
        var original = context.Response.Body;
        using var buffer = await RunBufferedAsync(context);
        hold.MarkHeld();
        try
        {
            await Task.Delay(hold.Delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return; // the sender is gone: it never learns that its request was stored
        }
        context.Response.ContentLength = buffer.Length;
        await original.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }

    /// <summary>Runs the endpoint into a buffer, so its response can be changed or held back before it is sent.</summary>
    private async Task<MemoryStream> RunBufferedAsync(HttpContext context)
    {
        var original = context.Response.Body;
        var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await _next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        return buffer;
    }

    private static string RewriteOrigin(string link)
    {
        var open = link.IndexOf('<');
        var close = link.IndexOf('>');
        if (open < 0 || close < open) return link;
        var uri = new Uri(link.Substring(open + 1, close - open - 1));
        return "<" + ForeignOrigin + uri.PathAndQuery + ">" + link.Substring(close + 1);
    }
}
