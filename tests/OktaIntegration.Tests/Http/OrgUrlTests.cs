using System;
using OktaIntegration.Core.Http;
using Xunit;

namespace OktaIntegration.Tests.Http;

public class OrgUrlTests
{
    [Theory]
    [InlineData("https://acme.okta.com", "https://acme.okta.com")]
    [InlineData("acme.oktapreview.com", "https://acme.oktapreview.com")]
    [InlineData("https://acme.okta.com/", "https://acme.okta.com")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080")]
    [InlineData("http://localhost:5000", "http://localhost:5000")]
    [InlineData("https://login.example.com", "https://login.example.com")]
    public void Valid_urls_normalise_to_the_origin(string input, string origin) =>
        Assert.Equal(origin, OrgUrl.Parse(input).Origin);

    [Theory]
    [InlineData("https://acme-admin.okta.com", "https://acme.okta.com")]
    [InlineData("https://acme-admin.oktapreview.com", "https://acme.oktapreview.com")]
    [InlineData("https://acme-admin.okta-emea.com", "https://acme.okta-emea.com")]
    public void Admin_hosts_are_refused_naming_the_api_host(string input, string right)
    {
        var ex = Assert.Throws<InvalidOrgUrlException>(() => OrgUrl.Parse(input));
        Assert.Contains(right, ex.Message);
    }

    [Theory]
    [InlineData("http://acme.okta.com", "https")]
    [InlineData("http://10.0.0.5", "https")]
    [InlineData("https://{yourOktaDomain}", "placeholder")]
    [InlineData("https://acme.okta.com.com", ".com.com")]
    [InlineData("https://acme.okta.com/oauth2/default", "path")]
    [InlineData("", "empty")]
    [InlineData("https://user:pw@acme.okta.com", "user name")]
    public void Bad_urls_say_what_is_wrong(string input, string hint)
    {
        var ex = Assert.Throws<InvalidOrgUrlException>(() => OrgUrl.Parse(input));
        Assert.Contains(hint, ex.Message);
    }

    [Fact]
    public void Same_origin_requires_scheme_host_and_port()
    {
        var org = OrgUrl.Parse("https://acme.okta.com");
        Assert.True(org.IsSameOrigin(new Uri("https://ACME.okta.com/api/v1/logs?after=1")));
        Assert.False(org.IsSameOrigin(new Uri("http://acme.okta.com/api/v1/logs")));
        Assert.False(org.IsSameOrigin(new Uri("https://acme.okta.com:8443/api/v1/logs")));
        Assert.False(org.IsSameOrigin(new Uri("https://acme.okta.com.evil.net/api/v1/logs")));
        Assert.Throws<CrossOriginException>(() => org.EnsureSameOrigin(new Uri("https://evil.net/api/v1/logs")));
    }
}
