using System;
using System.Collections.Generic;
using System.Net.Http;

namespace OktaIntegration.Core.Http;

/// <summary>
/// Reads Okta's paging links. Okta sends one <c>link</c> header line per relation (self, next),
/// but proxies may fold them into one comma-joined value; both are handled. URLs are kept
/// verbatim: the <c>after</c> cursor is opaque and must never be rebuilt.
/// </summary>
public static class LinkHeader
{
    public static Uri? FindNext(HttpResponseMessage response) => Find(response, "next");

    public static Uri? Find(HttpResponseMessage response, string relation)
    {
        if (!response.Headers.TryGetValues("Link", out var values)) return null;
        foreach (var value in values)
        {
            foreach (var (url, rel) in Parse(value))
            {
                if (string.Equals(rel, relation, StringComparison.OrdinalIgnoreCase)
                    && Uri.TryCreate(url, UriKind.Absolute, out var uri))
                {
                    return uri;
                }
            }
        }
        return null;
    }

    /// <summary>Splits one header value into (url, rel) pairs. Commas inside &lt;…&gt; belong to the URL.</summary>
    public static IEnumerable<(string Url, string Rel)> Parse(string value)
    {
        var i = 0;
        while (i < value.Length)
        {
            var open = value.IndexOf('<', i);
            if (open < 0) yield break;
            var close = value.IndexOf('>', open + 1);
            if (close < 0) yield break;
            var url = value.Substring(open + 1, close - open - 1);
            var nextOpen = value.IndexOf('<', close + 1);
            var paramsText = nextOpen < 0 ? value.Substring(close + 1) : value.Substring(close + 1, nextOpen - close - 1);
            var rel = string.Empty;
            foreach (var part in paramsText.Split(';'))
            {
                var kv = part.Trim().TrimEnd(',').Trim();
                if (kv.StartsWith("rel=", StringComparison.OrdinalIgnoreCase))
                {
                    rel = kv.Substring(4).Trim().Trim('"');
                }
            }
            yield return (url, rel);
            i = nextOpen < 0 ? value.Length : nextOpen;
        }
    }
}
