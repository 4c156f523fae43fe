using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// What to read from /api/v1/logs. Validates before anything is sent (Okta's limits: 40
/// characters a keyword, 10 keywords, page size 1–1000, since at most 180 days back) and builds
/// the first page's URL; every later page comes from Okta's next link, followed verbatim.
/// </summary>
public sealed class SystemLogQuery
{
    public const int MaxKeywordLength = 40;
    public const int MaxKeywords = 10;
    public static readonly TimeSpan RetentionWindow = TimeSpan.FromDays(90);
    public static readonly TimeSpan MaxSinceAge = TimeSpan.FromDays(180);

    private static readonly Regex PublishedAttribute = new("(^|[\\s(])published\\s+[A-Za-z]{2}(\\s|$)", RegexOptions.CultureInvariant);

    public DateTimeOffset? Since { get; set; }

    public DateTimeOffset? Until { get; set; }

    /// <summary>An Okta filter expression, passed through as given.</summary>
    public string? Filter { get; set; }

    /// <summary>Event types to keep; combined with <see cref="Filter"/> by <c>and</c>.</summary>
    public IReadOnlyList<string> EventTypes { get; set; } = Array.Empty<string>();

    /// <summary>Keywords for Okta's q search; every one must match.</summary>
    public IReadOnlyList<string> Keywords { get; set; } = Array.Empty<string>();

    public LogSortOrder SortOrder { get; set; } = LogSortOrder.Ascending;

    public int PageSize { get; set; } = 1000;

    /// <summary>Stop after this many events; null reads until Okta (or the tail) is done.</summary>
    public long? First { get; set; }

    /// <summary>Keep polling after catching up (tail), until cancelled.</summary>
    public bool Follow { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Polling (tail) query: no end time and ascending. Okta orders it by persistence time and never ends it.</summary>
    public bool IsPolling => Until is null && SortOrder == LogSortOrder.Ascending;

    /// <summary>The filter sent to Okta: -Filter and the -EventType clause joined by <c>and</c>.</summary>
    public string? EffectiveFilter
    {
        get
        {
            var types = EventTypes.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToArray();
            var typeClause = types.Length == 0 ? null : string.Join(" or ", types.Select(t => "eventType eq " + Quote(t.Trim())));
            var filter = string.IsNullOrWhiteSpace(Filter) ? null : Filter!.Trim();
            if (typeClause == null) return filter;
            if (filter == null) return typeClause;
            return "(" + filter + ") and (" + typeClause + ")";
        }
    }

    public string? KeywordText => Keywords.Count == 0 ? null : string.Join(" ", Keywords.Select(k => k.Trim()));

    /// <summary>Checks everything Okta would refuse, with messages that say how to fix it; reports warnings (e.g. retention).</summary>
    public void Validate(DateTimeOffset now, Action<string>? warn = null)
    {
        if (PageSize < 1 || PageSize > 1000)
            throw new ArgumentException($"The page size {PageSize} is out of range: Okta returns 1 to 1000 events a page. Use a value from 1 to 1000 (1000 is fastest).");
        if (First is < 1)
            throw new ArgumentException("-First must be at least 1.");
        if (Since is { } since && Until is { } until && since >= until)
            throw new ArgumentException($"-Since ({Format(since)}) must be earlier than -Until ({Format(until)}).");
        var start = Since ?? (Until ?? now).Add(-TimeSpan.FromDays(7));
        if (Since is { } s && now - s > MaxSinceAge)
            throw new ArgumentException($"-Since {Format(s)} is {(now - s).TotalDays:0} days back; Okta refuses a since more than 180 days before today (and keeps only 90 days of events). Use a -Since within the last 90 days.");
        if (now - start > RetentionWindow)
            warn?.Invoke($"-Since {Format(start)} is more than 90 days back; Okta keeps System Log events for 90 days, so nothing older than {Format(now - RetentionWindow)} will be returned.");
        if (Follow && !IsPolling)
            throw new ArgumentException("-Follow tails the log and needs a polling query: leave out -Until and use ascending order.");
        if (Keywords.Count > MaxKeywords)
            throw new ArgumentException($"-Keyword has {Keywords.Count} keywords; Okta's q search takes at most {MaxKeywords}. Narrow the search, or use -Filter.");
        foreach (var keyword in Keywords)
        {
            if (string.IsNullOrWhiteSpace(keyword)) throw new ArgumentException("-Keyword contains an empty keyword.");
            var k = keyword.Trim();
            if (k.Any(char.IsWhiteSpace))
                throw new ArgumentException($"The keyword '{k}' contains a space; give each keyword as its own array element (-Keyword a, b).");
            if (k.Length > MaxKeywordLength)
                throw new ArgumentException($"The keyword '{k}' has {k.Length} characters; Okta's q search allows at most {MaxKeywordLength} a keyword. Shorten it, or use -Filter.");
        }
        if (!string.IsNullOrWhiteSpace(Filter) && PublishedAttribute.IsMatch(Filter!))
            throw new ArgumentException("The filter uses 'published', which Okta does not allow in filters; use -Since and -Until for time bounds.");
        foreach (var type in EventTypes)
        {
            if (string.IsNullOrWhiteSpace(type)) throw new ArgumentException("-EventType contains an empty event type.");
        }
    }

    /// <summary>The first page's URL; later pages are Okta's next links.</summary>
    public Uri FirstPageUri(OrgUrl org)
    {
        var parts = new List<string>();
        if (Since is { } since) parts.Add("since=" + Uri.EscapeDataString(Format(since)));
        if (Until is { } until) parts.Add("until=" + Uri.EscapeDataString(Format(until)));
        if (EffectiveFilter is { } filter) parts.Add("filter=" + Uri.EscapeDataString(filter));
        if (KeywordText is { } q) parts.Add("q=" + Uri.EscapeDataString(q));
        parts.Add("limit=" + PageSize.ToString(CultureInfo.InvariantCulture));
        parts.Add("sortOrder=" + (SortOrder == LogSortOrder.Ascending ? "ASCENDING" : "DESCENDING"));
        return org.Resolve("api/v1/logs?" + string.Join("&", parts));
    }

    /// <summary>
    /// What a cursor file is tied to: the org and what is asked for. A polling query's -Since is
    /// left out (it only places the very first run), so a scheduled task can pass a moving -Since;
    /// a bounded query's time range is part of it.
    /// </summary>
    public string Fingerprint(string orgOrigin)
    {
        var text = orgOrigin.ToLowerInvariant() + "\n" + Describe();
        using var sha = SHA256.Create();
        return BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(text))).Replace("-", string.Empty).Substring(0, 32).ToLowerInvariant();
    }

    /// <summary>A readable description of the query for messages and the cursor file.</summary>
    public string Describe()
    {
        var sb = new StringBuilder(IsPolling ? "polling" : "bounded");
        if (!IsPolling)
        {
            sb.Append(" since=").Append(Since is { } s ? Format(s) : "(until-7d)");
            sb.Append(" until=").Append(Until is { } u ? Format(u) : "(now)");
        }
        sb.Append(" sortOrder=").Append(SortOrder == LogSortOrder.Ascending ? "ASCENDING" : "DESCENDING");
        if (EffectiveFilter is { } f) sb.Append(" filter=").Append(f);
        if (KeywordText is { } q) sb.Append(" q=").Append(q);
        return sb.ToString();
    }

    /// <summary>RFC 3339 in UTC with milliseconds, the form Okta documents.</summary>
    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A JSON string literal: quotes and backslashes escaped, as Okta's filter grammar requires.</summary>
    internal static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < ' ') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
