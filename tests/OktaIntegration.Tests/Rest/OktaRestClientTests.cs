using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Rest;
using OktaIntegration.Emulator.Faults;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Rest;

/// <summary>The Core side of Invoke-OktaRestMethod against the emulator over loopback HTTP.</summary>
public class OktaRestClientTests
{
    [Fact]
    public async Task A_post_whose_outcome_is_unknown_is_not_sent_again_while_a_get_is_retried()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var client = new OktaRestClient(connection.Transport);
        var user = org.Emulator.Org.AddUser("retry.probe@example.com", "Retry", "Probe", "ACTIVE", DateTimeOffset.UtcNow);
        var suspend = $"api/v1/users/{user.Id}/lifecycle/suspend";

        // Okta suspends the user, then the connection is cut mid-answer.
        org.Emulator.Faults.Add(FaultKind.ResetMidBody, "/" + suspend, count: 1);
        var lost = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(HttpMethodKind.Post, client.Resolve(suspend), null, CancellationToken.None));
        Assert.Contains("not sent again", lost.Message);
        Assert.Single(org.Emulator.Requests.ForPath("/" + suspend));
        Assert.Equal("SUSPENDED", user.Status); // sent again, it would have been refused as already suspended

        // A 5xx: the client cannot tell whether anything was done, so a POST is not repeated either.
        org.Emulator.Faults.Add(FaultKind.ServerError, "/api/v1/threats/configuration", count: 1);
        var failed = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(HttpMethodKind.Post, client.Resolve("api/v1/threats/configuration"), "{\"action\":\"audit\"}", CancellationToken.None));
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Single(org.Emulator.Requests.ForPath("/api/v1/threats/configuration"));

        // A read gives the same answer twice: retried as always.
        org.Emulator.Faults.Add(FaultKind.ServerError, "/api/v1/users/" + user.Id, count: 1);
        var read = await client.SendAsync(HttpMethodKind.Get, client.Resolve("api/v1/users/" + user.Id), null, CancellationToken.None);
        Assert.Equal(200, read.StatusCode);
        Assert.Equal(2, org.Emulator.Requests.ForPath("/api/v1/users/" + user.Id).Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task A_path_is_resolved_on_the_org_and_next_links_walk_every_page()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var client = new OktaRestClient(connection.Transport);

        var names = new List<string>();
        Uri? next = client.Resolve("api/v1/groups?limit=2");
        Assert.Equal(new Uri(org.BaseUrl, "api/v1/groups?limit=2"), next);
        var pages = 0;
        while (next != null)
        {
            var response = await client.SendAsync(HttpMethodKind.Get, next, null, CancellationToken.None);
            Assert.Equal(200, response.StatusCode);
            Assert.NotNull(response.RequestId);
            var items = Assert.IsType<JsonArrayValues>(PlainJson.Parse(response.Body));
            names.AddRange(items.Cast<JsonObjectValues>().Select(g => (string)Profile(g).First(p => p.Key == "name").Value!));
            next = response.NextLink;
            pages++;
        }

        var expected = org.Emulator.Org.Groups.Select(g => g.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, names.OrderBy(n => n, StringComparer.Ordinal).ToList());
        Assert.True(pages > 1, "limit=2 must take several pages");
    }

    [Theory]
    [InlineData("https://evil.example.com/api/v1/users")]
    [InlineData("//evil.example.com/api/v1/users")]
    public async Task An_absolute_url_on_another_origin_is_refused_before_anything_is_sent(string target)
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var client = new OktaRestClient(connection.Transport);
        org.Emulator.Requests.Clear();

        Assert.Throws<CrossOriginException>(() => client.Resolve(target));
        Assert.Empty(org.Emulator.Requests.All);
    }

    [Fact]
    public async Task An_absolute_url_on_the_org_is_accepted()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var client = new OktaRestClient(connection.Transport);

        var uri = client.Resolve(new Uri(org.BaseUrl, "api/v1/users?limit=1").ToString());
        var response = await client.SendAsync(HttpMethodKind.Get, uri, null, CancellationToken.None);

        Assert.Single(Assert.IsType<JsonArrayValues>(PlainJson.Parse(response.Body)));
    }

    [Fact]
    public async Task A_body_built_from_plain_values_is_sent_as_json_with_the_connections_credentials()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var client = new OktaRestClient(connection.Transport);
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        var zoneUri = client.Resolve("/api/v1/zones/" + zone.Id);

        var read = Assert.IsType<JsonObjectValues>(PlainJson.Parse((await client.SendAsync(HttpMethodKind.Get, zoneUri, null, CancellationToken.None)).Body));
        var body = new Hashtable
        {
            ["type"] = "IP",
            ["name"] = "BlockedIpZone",
            ["usage"] = "BLOCKLIST",
            ["status"] = read.First(p => p.Key == "status").Value,
            ["gateways"] = new object[] { new Hashtable { ["type"] = "CIDR", ["value"] = "198.51.100.99/32" } },
        };
        var written = await client.SendAsync(HttpMethodKind.Put, zoneUri, PlainJson.Serialize(body), CancellationToken.None);

        Assert.Equal(200, written.StatusCode);
        Assert.Contains(zone.Gateways!, g => g.Value == "198.51.100.99/32");
    }

    [Fact]
    public async Task A_failed_call_carries_oktas_error_details()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var client = new OktaRestClient(connection.Transport);

        var error = await Assert.ThrowsAsync<OktaApiException>(() =>
            client.SendAsync(HttpMethodKind.Get, client.Resolve("/api/v1/groups/00gnosuchgroup0000000"), null, CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("E0000007", error.ErrorCode);
        Assert.NotNull(error.RequestId);
    }

    [Fact]
    public void Plain_json_round_trips_objects_arrays_numbers_and_nulls_in_order()
    {
        const string json = "{\"b\":1,\"a\":[true,null,\"x\",2.5,12345678901234],\"c\":{\"d\":\"e\"}}";
        var parsed = Assert.IsType<JsonObjectValues>(PlainJson.Parse(json));
        Assert.Equal(new[] { "b", "a", "c" }, parsed.Select(p => p.Key));
        Assert.Equal(1L, parsed[0].Value);
        Assert.Equal(json, PlainJson.Serialize(parsed));
        Assert.Equal("{\"when\":\"2026-01-02T03:04:05.000Z\",\"kind\":\"Put\"}",
            PlainJson.Serialize(new System.Collections.Specialized.OrderedDictionary
            {
                ["when"] = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
                ["kind"] = HttpMethodKind.Put,
            }));
    }

    private static JsonObjectValues Profile(JsonObjectValues group) => (JsonObjectValues)group.First(p => p.Key == "profile").Value!;
}
