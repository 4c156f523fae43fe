using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Groups;

/// <summary>The emulator's groups API over plain HTTP, as Okta documents it (okta-api-facts §4).</summary>
public class GroupEndpointTests
{
    [Fact]
    public async Task Q_is_a_prefix_match_capped_at_300_and_never_paged()
    {
        await using var org = await TestOrg.StartAsync();
        for (var i = 0; i < 320; i++) org.Emulator.Org.AddGroup("OKTA_GROUP", $"Bulk-{i:000}", null, DateTimeOffset.UtcNow);
        using var http = Client(org);

        var (status, body, links) = await Get(http, "api/v1/groups?q=bulk-");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(300, body.GetArrayLength());
        Assert.DoesNotContain(links, l => l.Contains("rel=\"next\""));

        var (_, tl, _) = await Get(http, "api/v1/groups?q=TL-");
        Assert.Equal(new[] { "TL-Admins", "TL-Helpdesk", "TL-ReadOnly" }, Names(tl));
    }

    [Theory]
    [InlineData("profile.name sw \"tl-\"", new[] { "TL-Admins", "TL-Helpdesk", "TL-ReadOnly" })]
    [InlineData("profile.name eq \"engineering\"", new[] { "Engineering" })]
    [InlineData("profile.name co \"admins\"", new[] { "TL-Admins", "Domain Admins" })]
    [InlineData("profile.description co \"corp.example.com\" and type eq \"APP_GROUP\"", new[] { "Domain Admins", "VPN Users" })]
    [InlineData("type eq \"BUILT_IN\" or profile.name eq \"Empty Group\"", new[] { "Everyone", "Empty Group" })]
    [InlineData("profile.samAccountName eq \"VPNUsers\"", new[] { "VPN Users" })]
    public async Task Search_supports_sw_eq_co_and_boolean_operators(string search, string[] expected)
    {
        await using var org = await TestOrg.StartAsync();
        using var http = Client(org);
        var (status, body, _) = await Get(http, "api/v1/groups?search=" + Uri.EscapeDataString(search));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected.Order(), Names(body).Order());
    }

    [Fact]
    public async Task Filter_accepts_only_its_four_attributes_and_never_with_search()
    {
        await using var org = await TestOrg.StartAsync();
        using var http = Client(org);

        var (_, appGroups, _) = await Get(http, "api/v1/groups?filter=" + Uri.EscapeDataString("type eq \"APP_GROUP\""));
        Assert.Equal(new[] { "Domain Admins", "VPN Users" }, Names(appGroups));

        var admins = org.Emulator.Org.FindGroupByName("TL-Admins")!;
        var (_, byId, _) = await Get(http, "api/v1/groups?filter=" + Uri.EscapeDataString($"id eq \"{admins.Id}\""));
        Assert.Equal(new[] { "TL-Admins" }, Names(byId));

        admins.LastMembershipUpdated = DateTimeOffset.UtcNow.AddDays(1);
        var (_, changed, _) = await Get(http, "api/v1/groups?filter=" + Uri.EscapeDataString($"lastMembershipUpdated gt \"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}\""));
        Assert.Equal(new[] { "TL-Admins" }, Names(changed));

        var (badStatus, bad, _) = await Get(http, "api/v1/groups?filter=" + Uri.EscapeDataString("profile.name eq \"TL-Admins\""));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal("E0000031", bad.GetProperty("errorCode").GetString());

        var (bothStatus, both, _) = await Get(http, "api/v1/groups?filter=" + Uri.EscapeDataString("type eq \"OKTA_GROUP\"") + "&search=" + Uri.EscapeDataString("profile.name sw \"TL\""));
        Assert.Equal(HttpStatusCode.BadRequest, bothStatus);
        Assert.Equal("E0000033", both.GetProperty("errorCode").GetString());

        var (coStatus, co, _) = await Get(http, "api/v1/groups?search=" + Uri.EscapeDataString("type co \"GROUP\""));
        Assert.Equal(HttpStatusCode.BadRequest, coStatus);
        Assert.Equal("E0000031", co.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Limit_and_after_page_through_every_group_once()
    {
        await using var org = await TestOrg.StartAsync();
        using var http = Client(org);
        var all = org.Emulator.Org.Groups.Select(g => g.Id).ToList();
        var seen = new System.Collections.Generic.List<string>();
        var url = "api/v1/groups?limit=3";
        var pages = 0;
        while (url != null)
        {
            var (status, body, links) = await Get(http, url);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(body.GetArrayLength() <= 3);
            seen.AddRange(body.EnumerateArray().Select(g => g.GetProperty("id").GetString()!));
            var next = links.FirstOrDefault(l => l.Contains("rel=\"next\""));
            url = next == null ? null! : next.Substring(next.IndexOf('<') + 1, next.IndexOf('>') - next.IndexOf('<') - 1);
            if (url != null) Assert.Contains("limit=3", url);
            pages++;
        }
        Assert.Equal(all, seen);
        Assert.Equal((all.Count + 2) / 3, pages);
    }

    [Fact]
    public async Task Stats_only_with_expand_and_AD_groups_carry_their_profile()
    {
        await using var org = await TestOrg.StartAsync();
        using var http = Client(org);
        var (_, plain, _) = await Get(http, "api/v1/groups?search=" + Uri.EscapeDataString("profile.name eq \"Domain Admins\""));
        Assert.False(plain[0].TryGetProperty("_embedded", out _));

        var (_, expanded, _) = await Get(http, "api/v1/groups?expand=stats,app&search=" + Uri.EscapeDataString("profile.name eq \"Domain Admins\""));
        var group = expanded[0];
        var expected = org.Emulator.Org.FindGroupByName("Domain Admins")!.MemberIds.Count;
        Assert.Equal(expected, group.GetProperty("_embedded").GetProperty("stats").GetProperty("usersCount").GetInt32());
        Assert.Equal("active_directory", group.GetProperty("_embedded").GetProperty("app").GetProperty("name").GetString());
        Assert.Equal("okta:windows_security_principal", group.GetProperty("objectClass")[0].GetString());
        Assert.Equal("CORP\\DomainAdmins", group.GetProperty("profile").GetProperty("windowsDomainQualifiedName").GetString());

        var (_, everyone, _) = await Get(http, "api/v1/groups?filter=" + Uri.EscapeDataString("type eq \"BUILT_IN\""));
        Assert.Equal("Everyone", Assert.Single(Names(everyone)));
    }

    [Fact]
    public async Task Members_default_to_1000_a_page_and_follow_next_links()
    {
        await using var org = await TestOrg.StartAsync();
        var big = org.Emulator.Org.AddGeneratedGroup("Big", 1500);
        using var http = Client(org);

        var (_, first, links) = await Get(http, $"api/v1/groups/{big.Id}/users");
        Assert.Equal(1000, first.GetArrayLength());
        var next = links.Single(l => l.Contains("rel=\"next\""));
        var nextUrl = next.Substring(next.IndexOf('<') + 1, next.IndexOf('>') - next.IndexOf('<') - 1);
        var (_, second, lastLinks) = await Get(http, nextUrl);
        Assert.Equal(500, second.GetArrayLength());
        Assert.DoesNotContain(lastLinks, l => l.Contains("rel=\"next\""));
        Assert.Equal("bulk.user1000@example.com", second[0].GetProperty("profile").GetProperty("login").GetString());

        var (missing, error, _) = await Get(http, "api/v1/groups/00gdoesnotexist00000/users");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("E0000007", error.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task A_member_leaving_between_pages_neither_restarts_nor_skips_the_listing()
    {
        await using var org = await TestOrg.StartAsync();
        var state = org.Emulator.Org;
        var group = state.AddGeneratedGroup("Moving", 10);
        using var http = Client(org);
        var (_, first, links) = await Get(http, $"api/v1/groups/{group.Id}/users?limit=4");
        var lastServed = state.FindUser(first[3].GetProperty("id").GetString()!)!;
        state.RemoveMember(group, lastServed);

        var next = links.Single(l => l.Contains("rel=\"next\""));
        var (_, second, _) = await Get(http, next.Substring(next.IndexOf('<') + 1, next.IndexOf('>') - next.IndexOf('<') - 1));
        Assert.Equal("bulk.user4@example.com", second[0].GetProperty("profile").GetProperty("login").GetString());
    }

    internal static HttpClient Client(TestOrg org)
    {
        var http = new HttpClient { BaseAddress = org.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("SSWS", TestOrg.ApiToken);
        return http;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, string[] Links)> Get(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        var links = response.Headers.TryGetValues("link", out var values) ? values.ToArray() : Array.Empty<string>();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), links);
    }

    private static string[] Names(JsonElement groups) => groups.EnumerateArray().Select(g => g.GetProperty("profile").GetProperty("name").GetString()!).ToArray();
}
