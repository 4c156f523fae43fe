using System;

namespace OktaIntegration;

/// <summary>
/// A request to Okta failed: <c>catch [OktaIntegration.OktaRequestException]</c>. (Not named after
/// Core's OktaApiException on purpose: the same simple name in the enclosing namespace would
/// silently capture every <c>catch (OktaApiException)</c> in the cmdlets.) Carries what an admin
/// quotes to Okta support (ErrorCode, ErrorId, RequestId) with the same property names as Core's
/// exception, as plain values: no Core type appears here, so the type loads without Core
/// (docs/module-layout.md, rule 2). Never carries a credential.
/// </summary>
public sealed class OktaRequestException : OktaException
{
    public OktaRequestException(
        string message,
        int? statusCode,
        string? errorCode,
        string? errorSummary,
        string? errorId,
        string[] errorCauses,
        string? requestId,
        string? authenticateError,
        string? authenticateErrorDescription,
        Uri? requestUri,
        Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorSummary = errorSummary;
        ErrorId = errorId;
        ErrorCauses = errorCauses;
        RequestId = requestId;
        AuthenticateError = authenticateError;
        AuthenticateErrorDescription = authenticateErrorDescription;
        RequestUri = requestUri;
    }

    /// <summary>The HTTP status (404, 429, ...), or null when no response arrived (network failure, timeout).</summary>
    public int? StatusCode { get; }

    /// <summary>Okta's <c>errorCode</c> (E0000007, ...) or the OAuth <c>error</c> (invalid_client, ...). Branch on this, never on the summary.</summary>
    public string? ErrorCode { get; }

    /// <summary>Okta's <c>errorSummary</c>.</summary>
    public string? ErrorSummary { get; }

    /// <summary>Okta's <c>errorId</c> for this failure (not the PowerShell error id, which is in $_.FullyQualifiedErrorId).</summary>
    public string? ErrorId { get; }

    /// <summary>Okta's <c>errorCauses</c> summaries.</summary>
    public string[] ErrorCauses { get; }

    /// <summary>The <c>X-Okta-Request-Id</c> response header.</summary>
    public string? RequestId { get; }

    /// <summary>The <c>error</c> of a <c>WWW-Authenticate</c> challenge (insufficient_scope, invalid_dpop_proof, invalid_token).</summary>
    public string? AuthenticateError { get; }

    public string? AuthenticateErrorDescription { get; }

    /// <summary>The URL called, without its query string.</summary>
    public Uri? RequestUri { get; }
}
