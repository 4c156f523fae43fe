using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Zones;
using OktaIntegration.Emulator.Faults;
using OktaIntegration.Emulator.Zones;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Zones;

public class NetworkZoneClientTests
{
    private static IpAddressEntry[] Entries(params string[] values) => values.Select(IpAddressEntry.Parse).ToArray();

    [Fact]
    public async Task Blocking_adds_to_BlockedIpZone_with_one_read_and_one_full_write()
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        zone.Gateways = new() { new ZoneAddress("CIDR", "192.0.2.0/24") };
        using var connection = await org.ConnectSswsAsync();
        org.Emulator.Requests.Clear();

        var update = await new NetworkZoneClient(connection).BlockAsync(null, Entries("198.51.100.7", "2001:db8::/32", "203.0.113.1-203.0.113.5"), CancellationToken.None);

        Assert.True(update.Written);
        Assert.All(update.Results, r => Assert.Equal(IpBlocklistAction.Added, r.ActionKind));
        Assert.All(update.Results, r => Assert.Equal("BlockedIpZone", r.ZoneName));
        Assert.Equal(new[] { "192.0.2.0/24", "198.51.100.7", "2001:db8::/32", "203.0.113.1-203.0.113.5" }, zone.Gateways!.Select(g => g.Value));
        Assert.Equal(new[] { "RANGE", "CIDR", "RANGE" }, zone.Gateways!.Skip(1).Select(g => g.Type));
        Assert.Equal(new[] { "GET", "PUT" }, org.Emulator.Requests.ForPath("/api/v1/zones").Select(r => r.Method));
        Assert.Equal("BlockedIpZone", zone.Name);
        Assert.Equal(4, update.Zone.GatewayCount);
    }

    [Fact]
    public async Task Two_blocks_at_the_same_time_in_one_process_both_stay_in_the_zone()
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        zone.Gateways = new() { new ZoneAddress("CIDR", "192.0.2.0/24") };
        using var first = await org.ConnectSswsAsync();
        using var second = await org.ConnectSswsAsync();
        // The first two zone requests wait before they are served: two changes started together
        // would both read the zone as it was, and the later full write would drop the other's address.
        org.Emulator.Faults.Add(FaultKind.Slow, "/api/v1/zones", count: 2, delay: TimeSpan.FromMilliseconds(300));

        var updates = await Task.WhenAll(
            new NetworkZoneClient(first).BlockAsync(null, Entries("198.51.100.7"), CancellationToken.None),
            new NetworkZoneClient(second).BlockAsync(null, Entries("203.0.113.9"), CancellationToken.None));

        Assert.All(updates, u => Assert.Equal(IpBlocklistAction.Added, Assert.Single(u.Results).ActionKind));
        Assert.Equal(new[] { "192.0.2.0/24", "198.51.100.7", "203.0.113.9" }, zone.Gateways!.Select(g => g.Value).OrderBy(v => v, System.StringComparer.Ordinal));
        // One change after the other: each read the zone as the one before it left it.
        Assert.Equal(new[] { "GET", "PUT", "GET", "PUT" }, org.Emulator.Requests.ForPath("/api/v1/zones").Select(r => r.Method).TakeLast(4));
    }

    [Fact]
    public async Task A_zone_list_whose_next_link_repeats_the_page_is_an_error_and_releases_the_org_for_the_next_block()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        org.Emulator.Faults.Add(FaultKind.RepeatedNextLink, "/api/v1/zones", count: 1);
        var zones = new NetworkZoneClient(connection);

        // Found by name, so the zones are listed: a loop there would never end and would hold every other block of this process.
        var ex = await Assert.ThrowsAsync<OktaIntegration.Core.Http.OktaApiException>(() => zones.BlockAsync("BlockedIpZone", Entries("198.51.100.7"), CancellationToken.None));
        Assert.Contains("repeats the page just read", ex.Message);
        var update = await zones.BlockAsync("BlockedIpZone", Entries("198.51.100.7"), CancellationToken.None);
        Assert.Equal(IpBlocklistAction.Added, Assert.Single(update.Results).ActionKind);
    }

    [Fact]
    public async Task Blocking_is_idempotent_and_recognises_wider_entries()
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        zone.Gateways = new() { new ZoneAddress("RANGE", "198.51.100.7"), new ZoneAddress("CIDR", "192.0.2.0/24") };
        using var connection = await org.ConnectSswsAsync();
        org.Emulator.Requests.Clear();

        var update = await new NetworkZoneClient(connection).BlockAsync("BlockedIpZone", Entries("198.51.100.7/32", "192.0.2.77"), CancellationToken.None);

        Assert.False(update.Written);
        Assert.All(update.Results, r => Assert.Equal(IpBlocklistAction.AlreadyBlocked, r.ActionKind));
        Assert.Null(update.Results[0].CoveredBy);
        Assert.Equal("192.0.2.0/24", update.Results[1].CoveredBy);
        Assert.DoesNotContain(org.Emulator.Requests.All, r => r.Method == "PUT");
        Assert.Empty(org.Emulator.ResponseActions.ZoneUpdates);
    }

    [Fact]
    public async Task Unblocking_removes_listed_entries_and_reports_absent_and_still_covered_ones()
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        zone.Gateways = new() { new ZoneAddress("RANGE", "198.51.100.7"), new ZoneAddress("CIDR", "192.0.2.0/24") };
        using var connection = await org.ConnectSswsAsync();

        var update = await new NetworkZoneClient(connection).UnblockAsync(null, Entries("198.51.100.7", "203.0.113.9", "192.0.2.5"), CancellationToken.None);

        Assert.True(update.Written);
        Assert.Equal(new[] { IpBlocklistAction.Removed, IpBlocklistAction.NotBlocked, IpBlocklistAction.StillBlockedByWiderEntry }, update.Results.Select(r => r.ActionKind));
        Assert.Equal("192.0.2.0/24", update.Results[2].CoveredBy);
        Assert.Equal(new[] { "192.0.2.0/24" }, zone.Gateways!.Select(g => g.Value));
        Assert.Equal(new[] { "198.51.100.7" }, Assert.Single(org.Emulator.ResponseActions.ZoneUpdates).Removed);
    }

    [Fact]
    public async Task Unblocking_the_last_entry_leaves_an_empty_zone_and_unblocking_again_writes_nothing()
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        zone.Gateways = new() { new ZoneAddress("RANGE", "198.51.100.7") };
        using var connection = await org.ConnectSswsAsync();
        var zones = new NetworkZoneClient(connection);

        var first = await zones.UnblockAsync(null, Entries("198.51.100.7"), CancellationToken.None);
        var second = await zones.UnblockAsync(null, Entries("198.51.100.7"), CancellationToken.None);

        Assert.True(first.Written);
        Assert.Empty(first.Zone.Gateways);
        Assert.True(zone.Gateways == null || zone.Gateways.Count == 0);
        Assert.False(second.Written);
        Assert.Equal(IpBlocklistAction.NotBlocked, Assert.Single(second.Results).ActionKind);
        Assert.Single(org.Emulator.ResponseActions.ZoneUpdates);
    }

    [Fact]
    public async Task A_change_past_the_1000_entry_limit_is_refused_before_writing()
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        zone.Gateways = Enumerable.Range(0, 999).Select(i => new ZoneAddress("RANGE", $"10.{i / 256}.{i % 256}.1")).ToList();
        using var connection = await org.ConnectSswsAsync();
        var zones = new NetworkZoneClient(connection);

        var error = await Assert.ThrowsAsync<BlocklistLimitExceededException>(() => zones.BlockAsync(null, Entries("198.51.100.1", "198.51.100.2"), CancellationToken.None));
        var fits = await zones.BlockAsync(null, Entries("198.51.100.1", "10.0.0.1"), CancellationToken.None);

        Assert.Equal(1000, error.Limit);
        Assert.Contains("1001", error.Message);
        Assert.Contains("Nothing was changed", error.Message);
        Assert.True(fits.Written);
        Assert.Equal(1000, zone.Gateways!.Count);
        Assert.Single(org.Emulator.Requests.All, r => r.Method == "PUT");
    }

    [Fact]
    public async Task A_named_blocklist_zone_is_found_by_name_or_id_and_other_zones_are_refused_precisely()
    {
        await using var org = await TestOrg.StartAsync();
        var custom = org.Emulator.Org.AddZone("IP", "SOC Blocklist", "BLOCKLIST");
        using var connection = await org.ConnectSswsAsync();
        var zones = new NetworkZoneClient(connection);

        await zones.BlockAsync("SOC Blocklist", Entries("198.51.100.7"), CancellationToken.None);
        await zones.BlockAsync(custom.Id, Entries("198.51.100.8"), CancellationToken.None);
        var policy = await Assert.ThrowsAsync<NetworkZoneUnsuitableException>(() => zones.BlockAsync("LegacyIpZone", Entries("198.51.100.9"), CancellationToken.None));
        var dynamic = await Assert.ThrowsAsync<NetworkZoneUnsuitableException>(() => zones.BlockAsync("DefaultEnhancedDynamicZone", Entries("198.51.100.9"), CancellationToken.None));
        var missing = await Assert.ThrowsAsync<NetworkZoneNotFoundException>(() => zones.BlockAsync("No Such Zone", Entries("198.51.100.9"), CancellationToken.None));
        var missingId = await Assert.ThrowsAsync<NetworkZoneNotFoundException>(() => zones.BlockAsync("nzoNoSuchZone0000000", Entries("198.51.100.9"), CancellationToken.None));

        Assert.Equal(new[] { "198.51.100.7", "198.51.100.8" }, custom.Gateways!.Select(g => g.Value));
        Assert.Contains("POLICY", policy.Message);
        Assert.Contains("DYNAMIC_V2", dynamic.Message);
        Assert.Contains("BlockedIpZone", missing.Message);
        Assert.Contains("SOC Blocklist", missing.Message);
        Assert.Equal("nzoNoSuchZone0000000", missingId.NameOrId);
        Assert.Null(org.Emulator.Org.FindZoneByName("BlockedIpZone")!.Gateways);
        Assert.Equal(2, org.Emulator.ResponseActions.ZoneUpdates.Count);
    }

    [Fact]
    public async Task An_inactive_blocklist_is_updated_with_a_warning_that_it_blocks_nothing()
    {
        await using var org = await TestOrg.StartAsync();
        org.Emulator.Org.FindZoneByName("BlockedIpZone")!.Status = "INACTIVE";
        var log = new CapturingLog();
        using var connection = await org.ConnectSswsAsync(log);

        var update = await new NetworkZoneClient(connection).BlockAsync(null, Entries("198.51.100.7"), CancellationToken.None);

        Assert.True(update.Written);
        Assert.Contains(log.Lines, l => l.StartsWith("WARNING:") && l.Contains("INACTIVE"));
    }

    [Fact]
    public async Task Blocking_refuses_an_entry_that_covers_every_address_before_any_request()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        org.Emulator.Requests.Clear();
        // Parse refuses it; an entry read from a zone is the only way to hold one.
        var everything = IpAddressEntry.FromZone("RANGE", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")!;

        var error = await Assert.ThrowsAsync<System.ArgumentException>(() =>
            new NetworkZoneClient(connection).BlockAsync(null, new[] { IpAddressEntry.Parse("198.51.100.7"), everything }, CancellationToken.None));

        Assert.Contains("lock everyone out", error.Message);
        Assert.Empty(org.Emulator.Requests.ForPath("/api/v1/zones"));
    }
}
