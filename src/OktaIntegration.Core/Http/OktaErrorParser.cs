using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;

namespace OktaIntegration.Core.Http;

/// <summary>
/// Turns a failed response into an <see cref="OktaApiException"/>. Okta answers in two shapes
/// (management: errorCode/errorSummary; OAuth: error/error_description) and sometimes with an
/// empty body where the reason is only in WWW-Authenticate; all three are read here.
/// </summary>
public static class OktaErrorParser
{
    public static OktaApiException FromResponse(HttpResponseMessage response, byte[] body)
    {
        var status = response.StatusCode;
        var requestId = FirstHeader(response, "X-Okta-Request-Id");
        var uri = StripQuery(response.RequestMessage?.RequestUri);
        string? code = null, summary = null, errorId = null;
        var causes = new List<string>();
        if (body.Length > 0)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    code = GetString(root, "errorCode") ?? GetString(root, "error");
                    summary = GetString(root, "errorSummary") ?? GetString(root, "error_description");
                    errorId = GetString(root, "errorId");
                    if (root.TryGetProperty("errorCauses", out var c) && c.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var cause in c.EnumerateArray())
                        {
                            var s = cause.ValueKind == JsonValueKind.Object ? GetString(cause, "errorSummary") : null;
                            if (!string.IsNullOrEmpty(s)) causes.Add(s!);
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's HTML page, say): report the status alone.
            }
        }

        var challenge = WwwAuthenticateChallenge.Parse(response);
        var message = BuildMessage(status, code, summary, causes, challenge, requestId, uri);
        return new OktaApiException(message, status, code ?? challenge?.Error, summary, errorId, causes, requestId,
            challenge?.Error, challenge?.ErrorDescription, uri);
    }

    internal static string BuildMessage(HttpStatusCode status, string? code, string? summary, IReadOnlyList<string> causes,
        WwwAuthenticateChallenge? challenge, string? requestId, Uri? uri)
    {
        var sb = new StringBuilder();
        sb.Append("Okta answered ").Append((int)status).Append(' ').Append(ReasonOf(status));
        if (uri != null) sb.Append(" for ").Append(uri.AbsolutePath);
        sb.Append(": ");
        if (code != null) sb.Append(code).Append(' ');
        if (summary != null) sb.Append(summary.TrimEnd());
        else if (challenge?.Error != null)
            sb.Append(challenge.Error).Append(challenge.ErrorDescription != null ? " — " + challenge.ErrorDescription : string.Empty);
        else if (code == null) sb.Append("(no error details in the response)");
        if (causes.Count > 0) sb.Append(" Causes: ").Append(string.Join("; ", causes));
        if (challenge?.Scope != null && challenge.Error == "insufficient_scope")
            sb.Append(" Required scope: ").Append(challenge.Scope).Append('.');
        if (requestId != null) sb.Append(" (X-Okta-Request-Id ").Append(requestId).Append(')');
        return sb.ToString();
    }

    private static string ReasonOf(HttpStatusCode status) => (int)status switch
    {
        429 => "Too Many Requests",
        _ => status.ToString(),
    };

    internal static string? FirstHeader(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values)) return values.FirstOrDefault();
        if (response.Content?.Headers.TryGetValues(name, out var contentValues) == true) return contentValues.FirstOrDefault();
        return null;
    }

    internal static Uri? StripQuery(Uri? uri)
    {
        if (uri == null || !uri.IsAbsoluteUri) return uri;
        return new Uri(uri.GetLeftPart(UriPartial.Path));
    }

    private static string? GetString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
