using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OktaIntegration.Emulator.Auth;
using OktaIntegration.Emulator.Infrastructure;
using OktaIntegration.Emulator.SystemLog;

namespace OktaIntegration.Emulator.Endpoints;

/// <summary>
/// The emulated org's System Log (GET /api/v1/logs) as Okta serves it. A request without
/// <c>until</c> sorted ascending is a polling request: ordered by persistence time, and it always
/// gets a next link, even on an empty page. Anything else is bounded: ordered by published, and
/// the last page has no next link. <c>after</c> is opaque to clients (<c>&lt;epochMillis&gt;_&lt;n&gt;</c>).
/// </summary>
internal static class SystemLogEndpoints
{
    private static readonly byte[] Comma = { (byte)',' };

    public static void MapSystemLog(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/logs", (HttpContext context, LogEventStore store) => Serve(context, store)).RequireOktaScope("okta.logs.read");
    }

    private static async Task Serve(HttpContext context, LogEventStore store)
    {
        var query = context.Request.Query;
        var now = DateTimeOffset.UtcNow;
        var badDates = new List<string>();
        var until = ParseTime(query["until"].ToString(), "until", badDates);
        var since = ParseTime(query["since"].ToString(), "since", badDates);
        if (badDates.Count > 0)
        {
            await OktaErrors.WriteAsync(context, 400, "E0000001", "Api validation failed: " + string.Join(", ", badDates.Select(d => $"'{d}'")),
                badDates.Select(d => $"{d}: The date format in your query is not recognized. Please enter dates using ISO8601 string format.."));
            return;
        }
        if (since is { } s && s < now.AddDays(-180))
        {
            await OktaErrors.WriteAsync(context, 400, "E0000053", "Invalid parameter: The since parameter is over 180 days prior to the current day.");
            return;
        }
        var limit = PageLinks.Limit(context, 100, 1000);
        if (limit is null)
        {
            await OktaErrors.WriteAsync(context, 400, "E0000001", "Api validation failed: limit", new[] { "limit: The limit must be an integer between 0 and 1000." });
            return;
        }
        var sortText = query["sortOrder"].ToString();
        bool descending;
        if (sortText.Length == 0 || string.Equals(sortText, "ASCENDING", StringComparison.OrdinalIgnoreCase)) descending = false;
        else if (string.Equals(sortText, "DESCENDING", StringComparison.OrdinalIgnoreCase)) descending = true;
        else
        {
            await OktaErrors.WriteAsync(context, 400, "E0000001", "Api validation failed: sortOrder", new[] { "sortOrder: sortOrder must be ASCENDING or DESCENDING." });
            return;
        }

        var keywords = query["q"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var tooLong = keywords.Where(k => k.Length > 40).ToArray();
        if (tooLong.Length > 0 || keywords.Length > 10)
        {
            var summary = tooLong.Length > 0
                ? $"'q': Freeform search cannot contain items longer than 40 characters. Please shorten the following items: {string.Join(", ", tooLong)}"
                : "'q': Freeform search cannot contain more than 10 items.";
            await OktaErrors.WriteAsync(context, 400, "E0000001", "Api validation failed: " + summary, new[] { summary });
            return;
        }

        LogFilter? filter = null;
        var filterText = query["filter"].ToString();
        if (filterText.Length > 0)
        {
            try
            {
                filter = LogFilter.Parse(filterText);
            }
            catch (LogFilterException ex)
            {
                // Okta's E0000053 samples carry no errorLink/errorCauses detail; ours keep the standard shape.
                await OktaErrors.WriteAsync(context, 400, ex.ErrorCode, ex.Message);
                return;
            }
        }
        Func<StoredLogEvent, bool> match = e => (filter == null || filter.Matches(e)) && MatchesKeywords(e, keywords);

        var afterText = query["after"].ToString();
        (long Ms, long N)? after = null;
        if (afterText.Length > 0)
        {
            after = ParseAfter(afterText);
            if (after is null)
            {
                await OktaErrors.WriteAsync(context, 400, "E0000001", "Api validation failed: after", new[] { "after: The cursor is not valid." });
                return;
            }
        }

        var polling = !query.ContainsKey("until") && !descending;
        List<StoredLogEvent> page;
        string? nextAfter;
        if (polling)
        {
            store.CountPollingRequest();
            // after wins over since when both are present (Okta's own next links carry both).
            var position = after?.N ?? store.FirstPositionAtOrAfter((since ?? now.AddDays(-7)).ToUnixTimeMilliseconds());
            var (events, next) = store.ReadPolling(position, limit.Value, match, repeatPrevious: after != null);
            page = events;
            var cursorMs = events.Count > 0 ? events[^1].PersistedMs : after?.Ms ?? now.ToUnixTimeMilliseconds();
            nextAfter = string.Create(CultureInfo.InvariantCulture, $"{cursorMs}_{next}");
        }
        else
        {
            var untilValue = until ?? now;
            var sinceValue = since ?? untilValue.AddDays(-7);
            page = store.ReadBounded(sinceValue.ToUnixTimeMilliseconds(), untilValue.ToUnixTimeMilliseconds(), descending,
                after is { } a ? (a.Ms, a.N) : null, limit.Value, match, repeatPrevious: after != null);
            // A full page may have more behind it; a short page is the last one.
            var last = page.Count > 0 ? page[^1] : null;
            nextAfter = page.Count >= limit.Value && limit.Value > 0 && last != null
                ? string.Create(CultureInfo.InvariantCulture, $"{last.PublishedMs}_{last.Position}")
                : null;
        }

        PageLinks.Write(context, nextAfter);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var length = 2 + Math.Max(0, page.Count - 1) + page.Sum(e => (long)e.Json.Length);
        context.Response.ContentLength = length;
        var body = context.Response.BodyWriter;
        body.Write(new[] { (byte)'[' });
        for (var i = 0; i < page.Count; i++)
        {
            if (i > 0) body.Write(Comma);
            body.Write(page[i].Json);
            if (i % 64 == 63) await body.FlushAsync(context.RequestAborted);
        }
        body.Write(new[] { (byte)']' });
        await body.FlushAsync(context.RequestAborted);
    }

    private static bool MatchesKeywords(StoredLogEvent e, string[] keywords)
    {
        if (keywords.Length == 0) return true;
        var text = Encoding.UTF8.GetString(e.Json);
        foreach (var k in keywords)
        {
            if (text.IndexOf(k, StringComparison.OrdinalIgnoreCase) < 0) return false;
        }
        return true;
    }

    private static DateTimeOffset? ParseTime(string text, string name, List<string> bad)
    {
        if (text.Length == 0) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            && text.Contains('T')) return value;
        bad.Add(name);
        return null;
    }

    private static (long, long)? ParseAfter(string text)
    {
        var underscore = text.IndexOf('_');
        if (underscore <= 0) return null;
        return long.TryParse(text.AsSpan(0, underscore), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
               && long.TryParse(text.AsSpan(underscore + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? (ms, n)
            : null;
    }
}
