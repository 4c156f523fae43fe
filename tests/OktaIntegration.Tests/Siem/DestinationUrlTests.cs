using System;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Emulator.Siem;
using Xunit;

namespace OktaIntegration.Tests.Siem;

/// <summary>
/// A destination URL with a user name and password in it (https://user:secret@host) is refused
/// without being echoed: .NET keeps user information in GetLeftPart(UriPartial.Authority), which
/// the descriptions, -WhatIf lines and errors used to show.
/// </summary>
public class DestinationUrlTests
{
    private static readonly Uri WithPassword = new("https://elastic:s3cret@siem.example.com:9200/");

    [Fact]
    public void Every_HTTP_destination_refuses_a_URL_with_credentials_and_never_shows_them()
    {
        var refusals = new Func<object>[]
        {
            () => new ElasticBulkDestination(WithPassword, "okta", apiKey: "key"),
            () => new SplunkHecDestination(WithPassword, "token"),
            () => new SentinelIngestionDestination(WithPassword, SentinelIngestionReceiver.DcrImmutableId, SentinelIngestionReceiver.Stream, SentinelIngestionReceiver.TenantId, SentinelIngestionReceiver.ClientId, SentinelIngestionReceiver.ClientSecret),
        };
        foreach (var create in refusals)
        {
            var refused = Assert.Throws<ArgumentException>(create);
            Assert.Contains("user name or password", refused.Message);
            Assert.Contains("https://siem.example.com:9200", refused.Message);
            Assert.DoesNotContain("s3cret", refused.Message);
            Assert.DoesNotContain("elastic:", refused.Message);
        }
    }

    [Fact]
    public void A_URL_is_shown_as_scheme_host_and_port_only()
    {
        Assert.Equal("https://siem.example.com:9200", DestinationUrl.Shown(WithPassword));
        Assert.Equal("https://siem.example.com", DestinationUrl.Shown(new Uri("https://siem.example.com/services/collector?x=1")));
        var plain = Assert.Throws<ArgumentException>(() => DestinationUrl.Check(new Uri("http://siem.example.com/"), "HEC URL", "tokens must not travel in clear text"));
        Assert.Contains("is not https", plain.Message);
        DestinationUrl.Check(new Uri("http://127.0.0.1:8088/"), "HEC URL", "tokens must not travel in clear text"); // loopback may be plain http
    }
}
