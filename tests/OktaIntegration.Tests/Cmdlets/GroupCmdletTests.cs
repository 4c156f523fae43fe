using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OktaIntegration.Commands;
using OktaIntegration.Core.Groups;
using OktaIntegration.Core.Users;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Cmdlets;

/// <summary>Get-OktaGroup and Get-OktaGroupMember in a real PowerShell engine against the emulator.</summary>
public class GroupCmdletTests
{
    [Fact]
    public async Task Groups_pipe_into_members_by_property_name()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var ps = new PowerShellSession();

        var result = ps.Invoke("Get-OktaGroup -Name 'TL-*' -Connection $c | Get-OktaGroupMember -Connection $c", new Dictionary<string, object?> { ["c"] = connection });

        Assert.Empty(result.AllErrors);
        var users = result.Output.Select(o => Assert.IsType<OktaUser>(o.BaseObject)).ToList();
        var state = org.Emulator.Org;
        var expected = new[] { "TL-Admins", "TL-Helpdesk", "TL-ReadOnly" }
            .SelectMany(n => state.MembersOf(state.FindGroupByName(n)!).Select(u => $"{n}/{u.Id}")).ToList();
        Assert.Equal(expected, users.Select(u => $"{u.GroupName}/{u.Id}"));
        Assert.All(users, u => Assert.Equal(state.FindGroupByName(u.GroupName!)!.Id, u.GroupId));
    }

    [Fact]
    public async Task Members_by_group_id_look_the_group_name_up()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var ps = new PowerShellSession();
        var group = org.Emulator.Org.FindGroupByName("Security Operations")!;

        var result = ps.Invoke("Get-OktaGroupMember $id -Connection $c", new Dictionary<string, object?> { ["c"] = connection, ["id"] = group.Id });

        Assert.Empty(result.AllErrors);
        Assert.Equal(org.Emulator.Org.MembersOf(group).Select(u => u.Login), result.Output.Select(o => ((OktaUser)o.BaseObject).Login));
        Assert.All(result.Output, o => Assert.Equal("Security Operations", ((OktaUser)o.BaseObject).GroupName));

        var byName = ps.Invoke("Get-OktaGroupMember 'security operations' -Connection $c", new Dictionary<string, object?> { ["c"] = connection });
        Assert.Empty(byName.AllErrors);
        Assert.Equal(result.Output.Count, byName.Output.Count);
        Assert.All(byName.Output, o => Assert.Equal(group.Id, ((OktaUser)o.BaseObject).GroupId));
    }

    [Fact]
    public async Task Unknown_ids_and_names_are_per_item_errors_and_search_with_filter_is_refused()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var ps = new PowerShellSession();
        var admins = org.Emulator.Org.FindGroupByName("TL-Admins")!;
        var vars = new Dictionary<string, object?> { ["c"] = connection, ["id"] = admins.Id };

        var byId = ps.Invoke("Get-OktaGroup -Id '00gnosuchgroup0000000', $id -Connection $c", vars);
        Assert.Equal("TL-Admins", ((OktaGroup)Assert.Single(byId.Output).BaseObject).Name);
        var error = Assert.Single(byId.Errors);
        Assert.Equal("OktaGroupNotFound,OktaIntegration.Commands.GetOktaGroupCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);

        var byName = ps.Invoke("Get-OktaGroup -Name 'No Such Group' -Connection $c", vars);
        Assert.Equal("OktaGroupNotFound,OktaIntegration.Commands.GetOktaGroupCommand", Assert.Single(byName.AllErrors).FullyQualifiedErrorId);

        var members = ps.Invoke("Get-OktaGroupMember -GroupId '00gnosuchgroup0000000' -Connection $c", vars);
        Assert.Equal("OktaGroupNotFound,OktaIntegration.Commands.GetOktaGroupMemberCommand", Assert.Single(members.AllErrors).FullyQualifiedErrorId);

        var both = ps.Invoke("Get-OktaGroup -Search 'type eq \"OKTA_GROUP\"' -Filter 'type eq \"APP_GROUP\"' -Connection $c", vars);
        var refused = Assert.Single(both.AllErrors);
        Assert.Equal("OktaInvalidArgument,OktaIntegration.Commands.GetOktaGroupCommand", refused.FullyQualifiedErrorId);
        Assert.Contains("E0000033", refused.Exception.Message);
    }

    [Fact]
    public async Task Type_filter_and_AD_attributes_reach_the_output()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var ps = new PowerShellSession();

        var result = ps.Invoke("Get-OktaGroup -Type APP_GROUP -Connection $c", new Dictionary<string, object?> { ["c"] = connection });

        var groups = result.Output.Select(o => (OktaGroup)o.BaseObject).ToList();
        Assert.Equal(new[] { "Domain Admins", "VPN Users" }, groups.Select(g => g.Name));
        Assert.Equal("CORP\\VPNUsers", groups[1].WindowsDomainQualifiedName);
        Assert.Equal(org.Emulator.Org.FindGroupByName("VPN Users")!.MemberIds.Count, groups[1].MemberCount);
    }

    [Fact]
    public async Task Group_names_complete_from_the_current_connection_and_completion_never_throws()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = new PowerShellSession();
        var completer = new OktaIntegration.Infrastructure.GroupNameCompleter();

        // Not connected: nothing, no error.
        ps.Invoke("$null");
        Assert.Empty(Complete(ps, completer, "TL"));

        var connect = ps.Invoke("Connect-OktaTenant -OrgUrl $url -ApiToken $token",
            new Dictionary<string, object?> { ["url"] = org.BaseUrl.ToString(), ["token"] = ConnectOktaTenantCmdletTests.Secure(TestOrg.ApiToken) });
        Assert.Empty(connect.AllErrors);
        Assert.Equal(new[] { "TL-Admins", "TL-Helpdesk", "TL-ReadOnly" }, Complete(ps, completer, "tl"));
        Assert.Equal(new[] { "'Security Operations'" }, Complete(ps, completer, "'Secu"));
    }

    [Fact]
    public async Task A_groups_page_that_keeps_failing_is_a_terminating_error_not_a_short_list()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var ps = new PowerShellSession();
        var big = org.Emulator.Org.AddGeneratedGroup("TL-Members", 450);
        org.Emulator.GroupFaults.FailMemberPage(big.Id, pageIndex: 1);
        var vars = new Dictionary<string, object?> { ["c"] = connection, ["id"] = big.Id };

        var members = ps.Invoke("Get-OktaGroupMember -GroupId $id -Connection $c", vars);
        Assert.Equal(200, members.Output.Count); // the first page was written as it arrived...
        var error = Assert.Single(members.AllErrors); // ...and the failure is reported, never hidden
        Assert.Equal("OktaServerError,OktaIntegration.Commands.GetOktaGroupMemberCommand", error.FullyQualifiedErrorId);
        Assert.Contains("incomplete", error.Exception.Message);

        org.Emulator.Faults.Add(Emulator.Faults.FaultKind.ServerError, "/api/v1/groups", count: 1000);
        var groups = ps.Invoke("Get-OktaGroup -Name 'TL-*' -Connection $c", vars);
        Assert.Empty(groups.Output);
        Assert.Equal("OktaServerError,OktaIntegration.Commands.GetOktaGroupCommand", Assert.Single(groups.AllErrors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Pipeline_parameters_carry_the_aliases_upstream_objects_use()
    {
        var groupId = typeof(GetOktaGroupMemberCommand).GetProperty(nameof(GetOktaGroupMemberCommand.GroupId))!;
        Assert.Contains("Id", ((AliasAttribute)groupId.GetCustomAttributes(typeof(AliasAttribute), false).Single()).AliasNames);
        Assert.True(groupId.GetCustomAttributes(typeof(ParameterAttribute), false).Cast<ParameterAttribute>().Single().ValueFromPipelineByPropertyName);
        foreach (var (type, output) in new[] { (typeof(GetOktaGroupCommand), typeof(OktaGroup)), (typeof(GetOktaGroupMemberCommand), typeof(OktaUser)) })
            Assert.Contains(output, ((OutputTypeAttribute)type.GetCustomAttributes(typeof(OutputTypeAttribute), false).Single()).Type.Select(t => t.Type));
    }

    private static string[] Complete(PowerShellSession ps, OktaIntegration.Infrastructure.GroupNameCompleter completer, string word)
    {
        // Completers run on the runspace's thread with it as the default runspace.
        var previous = System.Management.Automation.Runspaces.Runspace.DefaultRunspace;
        System.Management.Automation.Runspaces.Runspace.DefaultRunspace = ps.Runspace;
        try
        {
            return completer.CompleteArgument("Get-OktaGroup", "Name", word, null!, new System.Collections.Hashtable()).Select(c => c.CompletionText).ToArray();
        }
        finally
        {
            System.Management.Automation.Runspaces.Runspace.DefaultRunspace = previous;
        }
    }
}
