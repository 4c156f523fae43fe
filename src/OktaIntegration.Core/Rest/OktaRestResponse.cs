using System;

namespace OktaIntegration.Core.Rest;

/// <summary>One answer of an <see cref="OktaRestClient"/> call: the body as text and the next page, if any.</summary>
public sealed class OktaRestResponse
{
    public OktaRestResponse(int statusCode, string body, Uri? nextLink, string? requestId)
    {
        StatusCode = statusCode;
        Body = body;
        NextLink = nextLink;
        RequestId = requestId;
    }

    public int StatusCode { get; }

    /// <summary>The response body (JSON for Okta's API), empty for 204.</summary>
    public string Body { get; }

    /// <summary>The rel="next" Link, for following a paged list.</summary>
    public Uri? NextLink { get; }

    public string? RequestId { get; }
}
