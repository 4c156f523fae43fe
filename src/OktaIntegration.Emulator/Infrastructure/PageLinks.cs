using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.AspNetCore.Http;

namespace OktaIntegration.Emulator.Infrastructure;

/// <summary>
/// Okta's list paging: a <c>self</c> link and, when more remain, a <c>next</c> link, each on its
/// own <c>link</c> header line. The next link keeps the request's other parameters and carries
/// an opaque <c>after</c> cursor.
/// </summary>
public static class PageLinks
{
    public static void Write(HttpContext context, string? nextAfter)
    {
        var request = context.Request;
        var self = $"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}";
        var links = new List<string> { $"<{self}>; rel=\"self\"" };
        if (nextAfter != null) links.Add($"<{WithAfter(context, nextAfter)}>; rel=\"next\"");
        context.Response.Headers.Append("link", new Microsoft.Extensions.Primitives.StringValues(links.ToArray()));
    }

    /// <summary>The request's URL with <c>after</c> replaced and every other parameter kept.</summary>
    public static string WithAfter(HttpContext context, string after)
    {
        var request = context.Request;
        var parts = request.Query
            .Where(q => !string.Equals(q.Key, "after", StringComparison.Ordinal))
            .SelectMany(q => q.Value.Select(v => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(v ?? string.Empty)))
            .Append("after=" + Uri.EscapeDataString(after));
        return $"{request.Scheme}://{request.Host}{request.Path}?{string.Join("&", parts)}";
    }

    /// <summary>Reads <c>limit</c> with a default and Okta's maximum; null when it is not a number (the caller answers 400).</summary>
    public static int? Limit(HttpContext context, int defaultLimit, int maxLimit)
    {
        var raw = context.Request.Query["limit"].ToString();
        if (raw.Length == 0) return defaultLimit;
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0) return null;
        return Math.Min(n == 0 ? defaultLimit : n, maxLimit);
    }
}
