using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using OktaIntegration.Tests.Infrastructure;
using OktaIntegration.Tests.Users;
using Xunit;

namespace OktaIntegration.Tests.Zones;

/// <summary>The emulator's /api/v1/zones behaves as Okta documents it.</summary>
public class ZoneEmulatorTests
{
    [Fact]
    public async Task Org_starts_with_the_system_zones_and_filters_on_usage()
    {
        await using var org = await TestOrg.StartAsync();
        using var client = ResponseTestData.RawClient(org);

        using var all = JsonDocument.Parse(await client.GetStringAsync("api/v1/zones"));
        using var blocklists = JsonDocument.Parse(await client.GetStringAsync("api/v1/zones?filter=" + System.Uri.EscapeDataString("usage eq \"BLOCKLIST\"")));
        var bad = await client.GetAsync("api/v1/zones?filter=" + System.Uri.EscapeDataString("name eq \"x\""));

        Assert.Equal(new[] { "LegacyIpZone", "BlockedIpZone", "DefaultExemptIpZone", "DefaultEnhancedDynamicZone" },
            all.RootElement.EnumerateArray().Select(z => z.GetProperty("name").GetString()));
        Assert.Equal(new[] { "BlockedIpZone", "DefaultEnhancedDynamicZone" }, blocklists.RootElement.EnumerateArray().Select(z => z.GetProperty("name").GetString()));
        Assert.True(blocklists.RootElement[0].GetProperty("system").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Put_is_a_full_replacement_and_emits_zone_update()
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        zone.Gateways = new() { new("RANGE", "192.0.2.1") };
        using var client = ResponseTestData.RawClient(org);

        var response = await Put(client, zone.Id, "{\"type\":\"IP\",\"name\":\"BlockedIpZone\",\"usage\":\"BLOCKLIST\",\"gateways\":[{\"type\":\"CIDR\",\"value\":\"198.51.100.0/24\"}]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new[] { "198.51.100.0/24" }, zone.Gateways!.Select(g => g.Value));
        var update = Assert.Single(org.Emulator.ResponseActions.ZoneUpdates);
        Assert.Equal(new[] { "198.51.100.0/24" }, update.Added);
        Assert.Equal(new[] { "192.0.2.1" }, update.Removed);
        Assert.Equal("zone.update", Assert.Single(org.Emulator.ResponseActions.Events).EventType);
    }

    [Theory]
    [InlineData("{\"type\":\"DYNAMIC\",\"name\":\"BlockedIpZone\",\"gateways\":null}", "E0000001")]
    [InlineData("{\"type\":\"IP\",\"name\":\"BlockedIpZone\",\"usage\":\"POLICY\",\"gateways\":null}", "E0000001")]
    [InlineData("{\"type\":\"IP\",\"gateways\":null}", "E0000001")]
    [InlineData("{\"type\":\"IP\",\"name\":\"LegacyIpZone\",\"gateways\":null}", "E0000001")]
    [InlineData("{\"type\":\"IP\",\"name\":\"BlockedIpZone\",\"gateways\":[{\"type\":\"CIDR\",\"value\":\"10.0.0.1\"}]}", "E0000001")]
    [InlineData("{\"type\":\"IP\",\"name\":\"BlockedIpZone\",\"gateways\":[{\"type\":\"RANGE\",\"value\":\"10.0.0.9-10.0.0.1\"}]}", "E0000001")]
    [InlineData("{not json", "E0000003")]
    public async Task Invalid_replacements_are_refused_and_change_nothing(string body, string code)
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        using var client = ResponseTestData.RawClient(org);

        var response = await Put(client, zone.Id, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
        Assert.Null(zone.Gateways);
        Assert.Equal("BlockedIpZone", zone.Name);
        Assert.Empty(org.Emulator.ResponseActions.ZoneUpdates);
    }

    [Fact]
    public async Task A_blocklist_holds_at_most_1000_entries()
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        using var client = ResponseTestData.RawClient(org);
        string Body(int n) => "{\"type\":\"IP\",\"name\":\"BlockedIpZone\",\"gateways\":[" +
            string.Join(",", Enumerable.Range(0, n).Select(i => $"{{\"type\":\"RANGE\",\"value\":\"10.{i / 256}.{i % 256}.1\"}}")) + "]}";

        var atLimit = await Put(client, zone.Id, Body(1000));
        var overLimit = await Put(client, zone.Id, Body(1001));

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, overLimit.StatusCode);
        Assert.Equal(1000, zone.Gateways!.Count);
    }

    [Fact]
    public async Task Unknown_zone_is_404()
    {
        await using var org = await TestOrg.StartAsync();
        using var client = ResponseTestData.RawClient(org);

        var response = await client.GetAsync("api/v1/zones/nzoNoSuchZone0000000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string zoneId, string body) =>
        client.PutAsync("api/v1/zones/" + zoneId, new StringContent(body, Encoding.UTF8, "application/json"));
}
