using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Posture;
using OktaIntegration.Emulator.Posture;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Posture;

/// <summary>The posture readers against the emulator over HTTP, and the emulator's endpoints behaving as Okta's.</summary>
public class PostureReaderTests
{
    [Fact]
    public void Status_and_last_login_join_a_search_and_combinations_Okta_refuses_are_refused_first()
    {
        var query = new UserQuery { Search = "profile.department eq \"IT\"", Status = new[] { "active", "LOCKED_OUT" }, LastLoginBefore = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)) };
        Assert.Equal("limit=200&search=" + Uri.EscapeDataString("(profile.department eq \"IT\") and (status eq \"ACTIVE\" or status eq \"LOCKED_OUT\") and lastLogin lt \"2026-01-02T01:04:05.000Z\""),
            query.ToQueryString());
        Assert.Equal("limit=200&filter=" + Uri.EscapeDataString("(lastUpdated gt \"2026-01-01T00:00:00.000Z\") and status eq \"SUSPENDED\""),
            new UserQuery { Filter = "lastUpdated gt \"2026-01-01T00:00:00.000Z\"", Status = new[] { "SUSPENDED" } }.ToQueryString());
        Assert.Throws<ArgumentException>(() => new UserQuery { Search = "a eq \"b\"", Filter = "status eq \"ACTIVE\"" }.ToQueryString());
        Assert.Throws<ArgumentException>(() => new UserQuery { Filter = "status eq \"ACTIVE\"", LastLoginBefore = DateTimeOffset.UtcNow }.ToQueryString());
        Assert.Throws<ArgumentException>(() => new UserQuery { Status = new[] { "GONE" } }.ToQueryString());
    }

    [Fact]
    public async Task Users_are_searched_filtered_and_paged_as_Okta_does_it()
    {
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 0);
        using var connection = await org.ConnectSswsAsync();
        var reader = new UserReader(connection.Transport);
        var seeded = org.Emulator.Org.Users;

        var stale = await reader.List(new UserQuery { Status = new[] { "ACTIVE" }, LastLoginBefore = DateTimeOffset.UtcNow.AddDays(-100) }).ReadAllAsync(CancellationToken.None);
        Assert.Equal(new[] { seeded[11].Id }, stale.Select(u => u.Id));

        var suspended = await reader.List(new UserQuery { Filter = "status eq \"SUSPENDED\"", PageSize = 1 }).ReadAllAsync(CancellationToken.None);
        Assert.Equal(seeded.Where(u => u.Status == "SUSPENDED").Select(u => u.Id), suspended.Select(u => u.Id));
        Assert.True(org.Emulator.Requests.ForPath("/api/v1/users").Count(r => r.Path == "/api/v1/users") >= suspended.Count, "one page per user at PageSize 1");

        var neverSignedIn = await reader.GetAsync(seeded[15].Login, CancellationToken.None);
        Assert.Null(neverSignedIn.LastLogin);
        Assert.True(neverSignedIn.Activated < DateTimeOffset.UtcNow.AddDays(-199));
        Assert.NotNull(neverSignedIn.PasswordChanged);

        var both = await Assert.ThrowsAsync<OktaApiException>(() => connection.Transport.SendAsync(
            new OktaRequest(HttpMethodKind.Get, connection.Transport.Org.Resolve("api/v1/users?search=status%20eq%20%22ACTIVE%22&filter=status%20eq%20%22ACTIVE%22")), r => 0, CancellationToken.None));
        Assert.Equal("E0000033", both.ErrorCode);
        var bad = await Assert.ThrowsAsync<OktaApiException>(() => reader.List(new UserQuery { Filter = "profile.department eq \"IT\"" }).ReadAllAsync(CancellationToken.None));
        Assert.Equal("E0000031", bad.ErrorCode);
    }

    [Fact]
    public async Task A_list_with_no_filter_or_search_leaves_out_DEPROVISIONED_users_as_Okta_does()
    {
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 0);
        using var connection = await org.ConnectSswsAsync();
        var reader = new UserReader(connection.Transport);
        var seeded = org.Emulator.Org.Users;
        Assert.Contains(seeded, u => u.Status == "DEPROVISIONED");

        var all = await reader.List(new UserQuery()).ReadAllAsync(CancellationToken.None);
        Assert.Equal(seeded.Where(u => u.Status != "DEPROVISIONED").Select(u => u.Id), all.Select(u => u.Id));

        var gone = await reader.List(new UserQuery { Filter = "status eq \"DEPROVISIONED\"" }).ReadAllAsync(CancellationToken.None);
        Assert.Equal(seeded.Where(u => u.Status == "DEPROVISIONED").Select(u => u.Id), gone.Select(u => u.Id));
        var searched = await reader.List(new UserQuery { Status = new[] { "DEPROVISIONED" } }).ReadAllAsync(CancellationToken.None);
        Assert.Equal(gone.Select(u => u.Id), searched.Select(u => u.Id));
    }

    [Fact]
    public async Task Factors_come_with_their_strength_from_the_table()
    {
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 0);
        using var connection = await org.ConnectSswsAsync();
        var factors = new FactorReader(connection.Transport);

        var nine = await factors.ListAsync(org.Emulator.Org.Users[9].Id, null, CancellationToken.None);
        Assert.Equal(new[] { ("webauthn", "PENDING_ACTIVATION", FactorStrength.PhishingResistant), ("sms", "ACTIVE", FactorStrength.Weak) },
            nine.Select(f => (f.FactorType, f.Status, f.Strength)));
        Assert.Equal(FactorStrength.PhishingResistant, FactorStrengthTable.StrengthOf("signed_nonce"));
        Assert.Equal(FactorStrength.Strong, FactorStrengthTable.StrengthOf("token:software:totp"));
        Assert.Equal(FactorStrength.Weak, FactorStrengthTable.StrengthOf("question"));
        Assert.Equal(FactorStrength.Unknown, FactorStrengthTable.StrengthOf("something:new"));
        await Assert.ThrowsAsync<OktaIntegration.Core.Users.OktaUserNotFoundException>(() => factors.ListAsync("00uNoSuchUser0000000", null, CancellationToken.None));
    }

    [Fact]
    public async Task Admin_assignments_list_users_and_groups_and_expand_group_members()
    {
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 0);
        using var connection = await org.ConnectSswsAsync();
        var reader = new AdminAssignmentReader(connection.Transport);
        var users = org.Emulator.Org.Users;

        var plain = await reader.ReadAsync(expandGroupMembers: false, CancellationToken.None);
        var expanded = await reader.ReadAsync(expandGroupMembers: true, CancellationToken.None);

        Assert.Equal(new[] { 0, 1, 2, 3, 4, 6, 9, 19 }.Select(i => users[i].Id).OrderBy(x => x), plain.UserRoles.Select(r => r.UserId!).OrderBy(x => x));
        Assert.Equal("Access auditor", plain.UserRoles.Single(r => r.UserId == users[9].Id).RoleLabel);
        Assert.Equal("iamPostureResourceSet1", plain.UserRoles.Single(r => r.UserId == users[9].Id).ResourceSet);
        Assert.Equal("SUSPENDED", plain.UserRoles.Single(r => r.UserId == users[6].Id).UserStatus);
        Assert.Equal(new[] { PostureSeed.SuperAdminGroupName, PostureSeed.RuleFedAdminGroupName }.OrderBy(x => x), plain.GroupRoles.Select(r => r.GroupName!).OrderBy(x => x));
        Assert.All(plain.GroupRoles, r => Assert.True(r.ViaGroup && r.UserId == null));
        Assert.Empty(plain.MemberRoles);
        var viaGroup = expanded.MemberRoles.Where(r => r.GroupName == PostureSeed.SuperAdminGroupName).ToList();
        Assert.Equal(new[] { users[5].Id, users[7].Id }.OrderBy(x => x), viaGroup.Select(r => r.UserId!).OrderBy(x => x));
        Assert.All(viaGroup, r => Assert.True(r.IsSuperAdmin && r.ViaGroup && r.PrincipalType == "User"));
    }

    [Fact]
    public async Task Api_tokens_carry_metadata_and_network_condition_but_no_value()
    {
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 0);
        using var connection = await org.ConnectSswsAsync();

        var tokens = await new ApiTokenReader(connection.Transport).List().ReadAllAsync(CancellationToken.None);

        Assert.Equal(6, tokens.Count);
        var backup = tokens.Single(t => t.Name == "Backup job");
        Assert.Equal(TimeSpan.FromDays(180), backup.TokenWindow);
        Assert.InRange((DateTimeOffset.UtcNow - backup.LastUsed!.Value).TotalDays, 99.9, 100.1);
        Assert.False(backup.UsableFromAnyIp);
        Assert.True(tokens.Single(t => t.Name == "Zone excludes only").UsableFromAnyIp);
        Assert.DoesNotContain(typeof(OktaApiToken).GetProperties(), p => p.Name.Contains("Value", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("Secret", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ThreatInsight_zones_are_resolved_before_writing_and_a_change_is_logged()
    {
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 0);
        using var connection = await org.ConnectSswsAsync();
        var client = new ThreatInsightClient(connection.Transport);

        var missing = await Assert.ThrowsAsync<ThreatInsightZoneException>(() => client.ResolveZonesAsync(new[] { "LegacyIpZone", "Nope" }, CancellationToken.None));
        Assert.True(missing.NotFound);
        var dynamic = await Assert.ThrowsAsync<ThreatInsightZoneException>(() => client.ResolveZonesAsync(new[] { "DefaultEnhancedDynamicZone" }, CancellationToken.None));
        Assert.False(dynamic.NotFound);
        Assert.DoesNotContain(org.Emulator.Requests.All, r => r.Method == "POST" && r.Path == "/api/v1/threats/configuration");

        var zones = await client.ResolveZonesAsync(new[] { "legacyipzone", org.Emulator.Org.FindZoneByName("LegacyIpZone")!.Id }, CancellationToken.None);
        var stored = await client.SetAsync(ThreatInsightAction.Block, zones, CancellationToken.None);

        Assert.Equal("Block", stored.Action);
        Assert.Equal(new[] { "LegacyIpZone" }, stored.GetExcludeZoneNames());
        Assert.Equal("block", org.Emulator.Org.Posture.ThreatInsight.Action);
        var read = await client.GetAsync(CancellationToken.None);
        Assert.Equal("LegacyIpZone", read.ExcludeZoneNames);
        var store = (OktaIntegration.Emulator.SystemLog.LogEventStore)org.Emulator.Services.GetService(typeof(OktaIntegration.Emulator.SystemLog.LogEventStore))!;
        Assert.Single(store.Snapshot(), e => e.EventType == "security.threat.configuration.update");
    }
}
