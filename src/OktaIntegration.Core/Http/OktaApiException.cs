using System;
using System.Collections.Generic;
using System.Net;

namespace OktaIntegration.Core.Http;

/// <summary>
/// The one exception for a failed Okta call. It carries everything an admin needs to quote to
/// Okta support (errorCode, errorId, X-Okta-Request-Id) and, for empty-body 400/401/403 answers,
/// the reason Okta put only in <c>WWW-Authenticate</c>. It never carries a credential.
/// </summary>
public sealed class OktaApiException : Exception
{
    public OktaApiException(
        string message,
        HttpStatusCode? statusCode = null,
        string? errorCode = null,
        string? errorSummary = null,
        string? errorId = null,
        IReadOnlyList<string>? errorCauses = null,
        string? requestId = null,
        string? authenticateError = null,
        string? authenticateErrorDescription = null,
        Uri? requestUri = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorSummary = errorSummary;
        ErrorId = errorId;
        ErrorCauses = errorCauses ?? Array.Empty<string>();
        RequestId = requestId;
        AuthenticateError = authenticateError;
        AuthenticateErrorDescription = authenticateErrorDescription;
        RequestUri = requestUri;
    }

    /// <summary>HTTP status, or null when no response arrived (network failure, timeout).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Okta's <c>errorCode</c> (E0000047…) or the OAuth <c>error</c> (invalid_client…). Branch on this, never on the summary.</summary>
    public string? ErrorCode { get; }

    public string? ErrorSummary { get; }

    public string? ErrorId { get; }

    public IReadOnlyList<string> ErrorCauses { get; }

    /// <summary>The <c>X-Okta-Request-Id</c> response header.</summary>
    public string? RequestId { get; }

    /// <summary>The <c>error</c> of a <c>WWW-Authenticate</c> challenge (insufficient_scope, invalid_dpop_proof, invalid_token).</summary>
    public string? AuthenticateError { get; }

    public string? AuthenticateErrorDescription { get; }

    /// <summary>The URL called, without its query string (a query may hold search terms but never a secret; left out to keep messages short).</summary>
    public Uri? RequestUri { get; }

    public bool IsRateLimit => StatusCode == (HttpStatusCode)429;

    /// <summary>The same failure with advice appended, e.g. how to fix a clock skew or a missing scope.</summary>
    public OktaApiException WithHint(string hint) =>
        new(Message.TrimEnd() + " " + hint, StatusCode, ErrorCode, ErrorSummary, ErrorId, ErrorCauses, RequestId,
            AuthenticateError, AuthenticateErrorDescription, RequestUri, InnerException);
}
