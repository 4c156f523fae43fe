using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;

namespace OktaIntegration.Core.Http;

/// <summary>
/// The parameters of a <c>WWW-Authenticate: Bearer|DPoP …</c> challenge. Okta's scope and DPoP
/// failures come with an empty body, so this header is the only place their reason lives.
/// </summary>
public sealed class WwwAuthenticateChallenge
{
    private WwwAuthenticateChallenge(string scheme, IReadOnlyDictionary<string, string> parameters)
    {
        Scheme = scheme;
        Parameters = parameters;
    }

    public string Scheme { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public string? Error => Parameters.TryGetValue("error", out var v) ? v : null;

    public string? ErrorDescription => Parameters.TryGetValue("error_description", out var v) ? v : null;

    public string? Scope => Parameters.TryGetValue("scope", out var v) ? v : null;

    public static WwwAuthenticateChallenge? Parse(HttpResponseMessage response)
    {
        foreach (var header in response.Headers.WwwAuthenticate)
        {
            var parameters = ParseParameters(header.Parameter ?? string.Empty);
            if (parameters.Count > 0) return new WwwAuthenticateChallenge(header.Scheme, parameters);
        }
        return null;
    }

    /// <summary>Parses <c>a="x", b="y, z", c=token</c>; quoted values may contain commas and escaped quotes.</summary>
    public static Dictionary<string, string> ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == ',')) i++;
            var nameStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',') i++;
            var name = text.Substring(nameStart, i - nameStart).Trim();
            if (i >= text.Length || text[i] != '=') continue;
            i++;
            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    value.Append(text[i++]);
                }
                i++;
            }
            else
            {
                while (i < text.Length && text[i] != ',') value.Append(text[i++]);
            }
            if (name.Length > 0) result[name] = value.ToString().Trim();
        }
        return result;
    }
}
