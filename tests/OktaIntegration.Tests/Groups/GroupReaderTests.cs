using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Groups;
using OktaIntegration.Core.Http;
using OktaIntegration.Emulator.Faults;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Groups;

/// <summary>Core's group and member readers against the emulator over loopback HTTP.</summary>
public class GroupReaderTests
{
    [Fact]
    public async Task A_trailing_star_is_a_server_side_sw_search_with_limit_200_and_stats()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        org.Emulator.Requests.Clear();

        var groups = await new GroupReader(connection.Transport).List(new GroupQuery { Name = "TL-*" }).ReadAllAsync(CancellationToken.None);

        Assert.Equal(new[] { "TL-Admins", "TL-Helpdesk", "TL-ReadOnly" }, groups.Select(g => g.Name));
        var request = Assert.Single(org.Emulator.Requests.ForPath("/api/v1/groups"));
        var query = Uri.UnescapeDataString(request.Query);
        Assert.Contains("limit=200", query);
        Assert.Contains("search=profile.name sw \"TL-\"", query);
        Assert.Contains("expand=stats", query);
        var admins = org.Emulator.Org.FindGroupByName("TL-Admins")!;
        Assert.Equal(admins.MemberIds.Count, groups[0].MemberCount);
        Assert.Equal(admins.Id, groups[0].Id);
        Assert.Equal("OKTA_GROUP", groups[0].Type);
        Assert.NotNull(groups[0].LastMembershipUpdated);
    }

    [Fact]
    public async Task Other_wildcards_are_matched_locally_and_exact_names_use_eq()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var reader = new GroupReader(connection.Transport);

        var admins = await reader.List(new GroupQuery { Name = "*Admins" }).ReadAllAsync(CancellationToken.None);
        Assert.Equal(new[] { "TL-Admins", "Domain Admins" }, admins.Select(g => g.Name));

        var questionMark = await reader.List(new GroupQuery { Name = "TL-?eadOnly" }).ReadAllAsync(CancellationToken.None);
        Assert.Equal("TL-ReadOnly", Assert.Single(questionMark).Name);
        Assert.Contains("sw \"TL-\"", Uri.UnescapeDataString(org.Emulator.Requests.ForPath("/api/v1/groups").Last().Query));

        var exact = await reader.List(new GroupQuery { Name = "Security Operations" }).ReadAllAsync(CancellationToken.None);
        Assert.Equal("Security Operations", Assert.Single(exact).Name);
        Assert.Contains("profile.name eq \"Security Operations\"", Uri.UnescapeDataString(org.Emulator.Requests.ForPath("/api/v1/groups").Last().Query));
    }

    [Fact]
    public async Task Type_search_and_filter_combine_correctly_and_search_with_filter_is_refused_locally()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var reader = new GroupReader(connection.Transport);

        var app = await reader.List(new GroupQuery { Type = OktaGroupType.APP_GROUP }).ReadAllAsync(CancellationToken.None);
        Assert.Equal(new[] { "Domain Admins", "VPN Users" }, app.Select(g => g.Name));
        Assert.Equal("CORP\\DomainAdmins", app[0].WindowsDomainQualifiedName);
        Assert.Equal("DomainAdmins", app[0].SamAccountName);
        Assert.StartsWith("CN=Domain Admins,", app[0].DistinguishedName);
        Assert.Equal("Global", app[0].GroupScope);
        Assert.Equal(Emulator.Data.SeedData.AdAppId, app[0].SourceAppId);

        var named = await reader.List(new GroupQuery { Name = "*Admins", Type = OktaGroupType.OKTA_GROUP }).ReadAllAsync(CancellationToken.None);
        Assert.Equal("TL-Admins", Assert.Single(named).Name);

        var filteredAndNamed = await reader.List(new GroupQuery { Filter = "type eq \"OKTA_GROUP\"", Name = "TL-*" }).ReadAllAsync(CancellationToken.None);
        Assert.Equal(3, filteredAndNamed.Count);

        var ex = Assert.Throws<ArgumentException>(() => reader.List(new GroupQuery { Search = "type eq \"OKTA_GROUP\"", Filter = "type eq \"APP_GROUP\"" }));
        Assert.Contains("E0000033", ex.Message);
    }

    [Fact]
    public async Task Every_page_is_read_with_limit_200()
    {
        await using var org = await TestOrg.StartAsync();
        for (var i = 0; i < 450; i++) org.Emulator.Org.AddGroup("OKTA_GROUP", $"Paged-{i:000}", null, DateTimeOffset.UtcNow);
        using var connection = await org.ConnectSswsAsync();
        org.Emulator.Requests.Clear();

        var pager = new GroupReader(connection.Transport).List(new GroupQuery { Name = "Paged-*" });
        var sizes = new List<int>();
        while (await pager.NextPageAsync(CancellationToken.None) is { } page) sizes.Add(page.Count);

        Assert.Equal(new[] { 200, 200, 50 }, sizes);
        var requests = org.Emulator.Requests.ForPath("/api/v1/groups");
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Contains("limit=200", r.Query));
        Assert.Contains("after=", requests[1].Query);
    }

    [Fact]
    public async Task Get_by_id_has_the_member_count_and_a_missing_id_is_not_found()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var reader = new GroupReader(connection.Transport);
        var everyone = org.Emulator.Org.FindGroupByName("Everyone")!;

        var group = await reader.GetByIdAsync(everyone.Id, CancellationToken.None);
        Assert.Equal(("Everyone", "BUILT_IN", 40), (group.Name, group.Type, group.MemberCount));

        var ex = await Assert.ThrowsAsync<OktaGroupNotFoundException>(() => reader.GetByIdAsync("00gnosuchgroup0000000", CancellationToken.None));
        Assert.Equal("00gnosuchgroup0000000", ex.GroupKey);
        await Assert.ThrowsAsync<OktaGroupNotFoundException>(() => reader.GetByNameAsync("No Such Group", CancellationToken.None));
        Assert.Equal(everyone.Id, (await reader.GetByNameAsync("everyone", CancellationToken.None)).Id);
    }

    [Fact]
    public async Task Members_are_read_page_by_page_with_their_group_and_all_fields()
    {
        await using var org = await TestOrg.StartAsync();
        var group = org.Emulator.Org.AddGeneratedGroup("Members", 450);
        using var connection = await org.ConnectSswsAsync();
        org.Emulator.Requests.Clear();

        var pager = new GroupMemberReader(connection.Transport).Members(group.Id, "Members");
        var all = await pager.ReadAllAsync(CancellationToken.None);

        Assert.Equal(450, all.Count);
        Assert.Equal(3, pager.PagesRead);
        Assert.Equal(group.MemberIds, all.Select(u => u.Id));
        Assert.All(all, u => Assert.Equal((group.Id, "Members", "ACTIVE"), (u.GroupId, u.GroupName, u.Status)));
        Assert.Equal("bulk.user0@example.com", all[0].Login);
        Assert.Equal("User0", all[0].LastName);
        Assert.All(org.Emulator.Requests.ForPath($"/api/v1/groups/{group.Id}/users"), r => Assert.Contains("limit=200", r.Query));
    }

    [Fact]
    public async Task A_member_page_that_keeps_failing_throws_instead_of_ending_the_list()
    {
        await using var org = await TestOrg.StartAsync();
        var group = org.Emulator.Org.AddGeneratedGroup("Flaky", 450);
        org.Emulator.GroupFaults.FailMemberPage(group.Id, pageIndex: 1);
        using var connection = await org.ConnectSswsAsync();

        var pager = new GroupMemberReader(connection.Transport).Members(group.Id, "Flaky");
        Assert.Equal(200, (await pager.NextPageAsync(CancellationToken.None))!.Count);
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => pager.NextPageAsync(CancellationToken.None));
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.False(pager.IsComplete);
    }

    [Fact]
    public async Task A_next_link_that_repeats_the_page_throws_instead_of_ending_the_list()
    {
        await using var org = await TestOrg.StartAsync();
        var group = org.Emulator.Org.AddGeneratedGroup("Looping", 450);
        org.Emulator.Faults.Add(FaultKind.RepeatedNextLink, $"/api/v1/groups/{group.Id}/users", count: 1);
        using var connection = await org.ConnectSswsAsync();

        // Ending here would hand the role sync 200 of 450 members, and it would revoke the rest.
        var pager = new GroupMemberReader(connection.Transport).Members(group.Id, "Looping");
        await Assert.ThrowsAsync<OktaApiException>(() => pager.ReadAllAsync(CancellationToken.None));
        Assert.False(pager.IsComplete);
    }

    [Fact]
    public async Task A_transient_member_page_failure_is_retried()
    {
        await using var org = await TestOrg.StartAsync();
        var group = org.Emulator.Org.AddGeneratedGroup("Transient", 300);
        org.Emulator.Faults.Add(FaultKind.ResetMidBody, $"/api/v1/groups/{group.Id}/users", count: 1);
        using var connection = await org.ConnectSswsAsync();

        var all = await new GroupMemberReader(connection.Transport).Members(group.Id, "Transient").ReadAllAsync(CancellationToken.None);
        Assert.Equal(300, all.Count);
    }
}
