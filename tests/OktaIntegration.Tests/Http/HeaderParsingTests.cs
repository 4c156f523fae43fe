using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using OktaIntegration.Core.Http;
using Xunit;

namespace OktaIntegration.Tests.Http;

public class HeaderParsingTests
{
    private static HttpResponseMessage Response(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://acme.okta.com/api/v1/logs?limit=2") };
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    [Fact]
    public void Separate_link_lines_are_read_and_urls_kept_verbatim()
    {
        var response = Response(
            ("link", "<https://acme.okta.com/api/v1/logs?limit=20>; rel=\"self\""),
            ("link", "<https://acme.okta.com/api/v1/logs?limit=20&after=1627500044869_1&filter=eventType%20eq%20%22a%2Cb%22>; rel=\"next\""));
        Assert.Equal("https://acme.okta.com/api/v1/logs?limit=20&after=1627500044869_1&filter=eventType%20eq%20%22a%2Cb%22", LinkHeader.FindNext(response)!.OriginalString);
    }

    [Fact]
    public void A_comma_joined_link_header_is_read_too()
    {
        var response = Response(("Link", "<https://acme.okta.com/a?x=1,2>; rel=\"self\", <https://acme.okta.com/b?after=3>; rel=\"next\""));
        Assert.Equal("https://acme.okta.com/b?after=3", LinkHeader.FindNext(response)!.OriginalString);
        Assert.Equal("https://acme.okta.com/a?x=1,2", LinkHeader.Find(response, "self")!.OriginalString);
    }

    [Fact]
    public void No_next_link_means_the_end()
    {
        Assert.Null(LinkHeader.FindNext(Response(("link", "<https://acme.okta.com/api/v1/users>; rel=\"self\""))));
    }

    [Fact]
    public void Duplicate_rate_limit_headers_take_the_minimum()
    {
        var response = Response(("X-Rate-Limit-Limit", "600"), ("X-Rate-Limit-Remaining", "10"), ("X-Rate-Limit-Remaining", "7"),
            ("X-Rate-Limit-Reset", "1609459260"), ("X-Rate-Limit-Reset", "1609459200"));
        var headers = RateLimitHeaders.From(response);
        Assert.Equal(600, headers.Limit);
        Assert.Equal(7, headers.Remaining);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1609459200), headers.Reset);
        Assert.False(headers.IsConcurrencyLimit);
    }

    [Fact]
    public void Limit_and_remaining_zero_is_a_concurrency_limit()
    {
        var headers = RateLimitHeaders.From(Response(("X-Rate-Limit-Limit", "0"), ("X-Rate-Limit-Remaining", "0"), ("X-Rate-Limit-Reset", "1609459200")));
        Assert.True(headers.IsConcurrencyLimit);
        Assert.False(headers.HasBucket);
    }

    [Fact]
    public void Www_authenticate_parameters_with_commas_in_quotes_are_parsed()
    {
        var parameters = WwwAuthenticateChallenge.ParseParameters(
            "algs=\"RS256 ES256\", realm=\"http://acme\", scope=\"okta.groups.read\", error=\"invalid_dpop_proof\", error_description=\"'htu' claim, in the proof, is invalid.\"");
        Assert.Equal("invalid_dpop_proof", parameters["error"]);
        Assert.Equal("'htu' claim, in the proof, is invalid.", parameters["error_description"]);
        Assert.Equal("okta.groups.read", parameters["scope"]);
    }

    [Fact]
    public void Okta_error_body_fields_travel_in_the_exception()
    {
        var response = new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://acme.okta.com/api/v1/users/x?secret=1") };
        response.Headers.Add("X-Okta-Request-Id", "req-1");
        var body = System.Text.Encoding.UTF8.GetBytes("{\"errorCode\":\"E0000007\",\"errorSummary\":\"Not found: Resource not found: x (User)\",\"errorLink\":\"E0000007\",\"errorId\":\"oae1\",\"errorCauses\":[{\"errorSummary\":\"cause one\"}]}");
        var ex = OktaErrorParser.FromResponse(response, body);
        Assert.Equal("E0000007", ex.ErrorCode);
        Assert.Equal("oae1", ex.ErrorId);
        Assert.Equal("req-1", ex.RequestId);
        Assert.Equal(new[] { "cause one" }, ex.ErrorCauses);
        Assert.Equal("https://acme.okta.com/api/v1/users/x", ex.RequestUri!.ToString());
        Assert.DoesNotContain("secret", ex.Message);
        Assert.Contains("E0000007", ex.Message);
    }
}
