using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OktaIntegration.Emulator.Infrastructure;

/// <summary>Okta's two error shapes: the management API's errorCode body and the OAuth error body.</summary>
public static class OktaErrors
{
    public static Task WriteAsync(HttpContext context, int status, string code, string summary, IEnumerable<string>? causes = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = new
        {
            errorCode = code,
            errorSummary = summary,
            errorLink = code,
            errorId = "oae" + Guid.NewGuid().ToString("N").Substring(0, 19),
            errorCauses = (causes ?? Enumerable.Empty<string>()).Select(c => new { errorSummary = c }).ToArray(),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    /// <summary>An IResult for minimal-API handlers.</summary>
    public static IResult Result(int status, string code, string summary, IEnumerable<string>? causes = null) =>
        new ErrorResult(status, code, summary, causes);

    public static IResult NotFound(string what, string kind) =>
        Result(404, "E0000007", $"Not found: Resource not found: {what} ({kind})");

    public static Task WriteOAuthAsync(HttpContext context, int status, string error, string description)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error, error_description = description }));
    }

    public static Task WriteRateLimitAsync(HttpContext context) =>
        WriteAsync(context, 429, "E0000047", "API call exceeded rate limit due to too many requests.");

    private sealed class ErrorResult : IResult
    {
        private readonly int _status;
        private readonly string _code;
        private readonly string _summary;
        private readonly IEnumerable<string>? _causes;

        public ErrorResult(int status, string code, string summary, IEnumerable<string>? causes)
        {
            _status = status;
            _code = code;
            _summary = summary;
            _causes = causes;
        }

        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, _status, _code, _summary, _causes);
    }
}
