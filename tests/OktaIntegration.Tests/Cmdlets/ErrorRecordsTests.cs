using System;
using System.Management.Automation;
using System.Net;
using OktaIntegration.Core.Http;
using OktaIntegration.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Cmdlets;

/// <summary>Each Okta failure maps to a stable error id and a precise category (never NotSpecified).</summary>
public class ErrorRecordsTests
{
    private static OktaApiException Api(int? status, string? code = null, string? summary = null, string? challenge = null, string path = "/api/v1/users") =>
        new("x", status is null ? null : (HttpStatusCode)status.Value, code, summary, authenticateError: challenge, requestUri: new Uri("https://a.okta.com" + path));

    [Theory]
    [InlineData(401, "invalid_client", "The client_assertion JWT kid is invalid.", null, "OktaInvalidKeyId", ErrorCategory.AuthenticationError)]
    [InlineData(401, "invalid_client", "The client_assertion token has an expiration too far into the future.", null, "OktaClockSkew", ErrorCategory.AuthenticationError)]
    [InlineData(401, "invalid_client", "The client_id is invalid.", null, "OktaInvalidClient", ErrorCategory.AuthenticationError)]
    [InlineData(400, "invalid_scope", "The following scopes are not allowed", null, "OktaInvalidScope", ErrorCategory.PermissionDenied)]
    [InlineData(403, null, null, "insufficient_scope", "OktaInsufficientScope", ErrorCategory.PermissionDenied)]
    [InlineData(400, null, null, "invalid_dpop_proof", "OktaDPoPProofRejected", ErrorCategory.AuthenticationError)]
    [InlineData(401, "E0000011", "Invalid token provided", null, "OktaAuthenticationFailed", ErrorCategory.AuthenticationError)]
    [InlineData(403, "E0000006", "You do not have permission", null, "OktaPermissionDenied", ErrorCategory.PermissionDenied)]
    [InlineData(404, "E0000007", "Not found", null, "OktaNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData(409, "E0000090", "Role already assigned", null, "OktaConflict", ErrorCategory.ResourceExists)]
    [InlineData(429, "E0000047", "rate limit", null, "OktaRateLimited", ErrorCategory.LimitsExceeded)]
    [InlineData(500, "E0000009", "Internal Server Error", null, "OktaServerError", ErrorCategory.ConnectionError)]
    [InlineData(400, "E0000001", "Api validation failed", null, "OktaInvalidRequest", ErrorCategory.InvalidArgument)]
    public void Okta_failures_map_to_ids_and_categories(int status, string? code, string? summary, string? challenge, string id, ErrorCategory category)
    {
        var (actualId, actualCategory) = ErrorRecords.Classify(Api(status, code, summary, challenge));
        Assert.Equal((id, category), (actualId, actualCategory));
    }

    [Fact]
    public void DPoP_required_at_the_token_endpoint_has_its_own_id()
    {
        var ex = Api(400, "invalid_dpop_proof", "The DPoP proof JWT header is missing.", null, "/oauth2/v1/token");
        Assert.Equal((ErrorIds.DPoPRequired, ErrorCategory.AuthenticationError), ErrorRecords.Classify(ex));
    }

    [Fact]
    public void No_response_at_all_is_unreachable()
    {
        Assert.Equal((ErrorIds.OrgUnreachable, ErrorCategory.ConnectionError), ErrorRecords.Classify(Api(null)));
        Assert.Equal((ErrorIds.CrossOriginLink, ErrorCategory.SecurityError),
            ErrorRecords.Classify(new CrossOriginException(new Uri("https://a.okta.com"), new Uri("https://b.net/x"))));
    }

    [Fact]
    public void A_local_file_that_may_not_be_written_is_a_file_access_failure_not_an_Okta_403()
    {
        Assert.Equal((ErrorIds.FileAccessFailed, ErrorCategory.PermissionDenied),
            ErrorRecords.Classify(new UnauthorizedAccessException("Access to the path '/srv/okta/cursor.json.tmp' is denied.")));
    }
}
