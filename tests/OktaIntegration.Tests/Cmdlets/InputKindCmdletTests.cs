using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OktaIntegration.Core.Users;
using OktaIntegration.Tests.Infrastructure;
using OktaIntegration.Tests.Users;
using Xunit;

namespace OktaIntegration.Tests.Cmdlets;

/// <summary>
/// Users and groups both carry an Id that binds by property name, so a group piped into a user
/// cmdlet (or a user into Get-OktaGroupMember) must be refused as the wrong kind of object, with
/// a hint, before any request: never previewed, confirmed or sent as "Okta user 00g…".
/// </summary>
public class InputKindCmdletTests
{
    /// <summary>The groups as Get-OktaGroup writes them, read before the requests are cleared.</summary>
    private static IReadOnlyList<PSObject> Groups(TestOrg org, PowerShellSession ps, string name)
    {
        var groups = ps.Invoke($"Get-OktaGroup -Name '{name}'");
        Assert.Empty(groups.AllErrors);
        Assert.NotEmpty(groups.Output);
        org.Emulator.Requests.Clear();
        return groups.Output;
    }

    private static void AssertInputIsGroup(ErrorRecord error, string command)
    {
        Assert.Equal($"OktaInputIsGroup,OktaIntegration.Commands.{command}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("Get-OktaGroupMember", error.Exception.Message);
    }

    [Theory]
    [InlineData("Revoke-OktaUserSession", "RevokeOktaUserSessionCommand")]
    [InlineData("Suspend-OktaUser", "SuspendOktaUserCommand")]
    [InlineData("Resume-OktaUser", "ResumeOktaUserCommand")]
    public async Task Groups_piped_into_a_response_action_are_refused_as_groups_with_no_preview_prompt_or_request(string cmdlet, string command)
    {
        await using var org = await TestOrg.StartAsync();
        var host = new RecordingHost { ConfirmAnswer = "Yes" };
        using var ps = ResponseActionSafetyCmdletTests.Connect(org, host);
        var groups = Groups(org, ps, "TL-*");

        var vars = new Dictionary<string, object?> { ["groups"] = groups.ToArray() };
        var whatIf = ps.Invoke($"$groups | {cmdlet} -WhatIf", vars);
        var confirmed = ps.Invoke($"$groups | {cmdlet} -Confirm", vars);
        var unattended = ps.Invoke($"$groups | {cmdlet} -Confirm:$false", vars);

        foreach (var result in new[] { whatIf, confirmed, unattended })
        {
            Assert.Equal(groups.Count, result.Errors.Count);
            Assert.Null(result.Terminating);
            Assert.All(result.Errors, e => AssertInputIsGroup(e, command));
            Assert.Empty(result.Output);
        }
        var first = (dynamic)groups[0].BaseObject;
        Assert.Contains($"Okta group '{first.Name}' ({first.Id}), not a user", whatIf.Errors[0].Exception.Message);
        Assert.Contains($"Get-OktaGroup -Name '{first.Name}' | Get-OktaGroupMember | {cmdlet}", whatIf.Errors[0].Exception.Message);
        Assert.Same(groups[0].BaseObject, ((PSObject)whatIf.Errors[0].TargetObject).BaseObject);
        Assert.DoesNotContain(host.Lines, l => l.StartsWith("What if:"));
        Assert.Empty(host.Prompts);
        Assert.Empty(org.Emulator.Requests.ForPath("/api/v1/users"));
        Assert.Empty(org.Emulator.ResponseActions.Events);
    }

    [Fact]
    public async Task Group_ids_and_group_rows_given_as_users_are_refused_by_every_user_cmdlet_and_the_users_beside_them_go_on()
    {
        await using var org = await TestOrg.StartAsync();
        var user = ResponseTestData.Active(org);
        using var ps = ResponseActionSafetyCmdletTests.Connect(org);
        var group = (dynamic)Groups(org, ps, "TL-Admins")[0].BaseObject;
        string groupId = group.Id;

        var result = ps.Invoke(@"
            Revoke-OktaUserSession -UserId $gid, $uid -Confirm:$false
            # An admin assignment held by a group (Get-OktaAdminAssignment): its UserId is empty.
            [pscustomobject]@{ PrincipalType = 'Group'; PrincipalId = $gid; PrincipalName = 'TL-Admins'; GroupId = $gid; GroupName = 'TL-Admins'; UserId = $null; Login = $null } | Suspend-OktaUser -Confirm:$false
            # A group from a background job or Import-Clixml.
            [pscustomobject]@{ PSTypeName = 'Deserialized.OktaIntegration.Core.Groups.OktaGroup'; Id = 'grp-from-a-job'; Name = 'TL-Admins' } | Resume-OktaUser -Confirm:$false
            Get-OktaUser -UserId $gid
            $group | Get-OktaUser
            Get-OktaUserFactor -UserId $gid
            $group | Get-OktaUserFactor",
            new Dictionary<string, object?> { ["gid"] = groupId, ["uid"] = user.Id, ["group"] = group });

        Assert.Null(result.Terminating);
        Assert.True(7 == result.Errors.Count, result.AllText);
        AssertInputIsGroup(result.Errors[0], "RevokeOktaUserSessionCommand");
        Assert.Equal(groupId, result.Errors[0].TargetObject);
        Assert.Contains($"'{groupId}' is an Okta group id", result.Errors[0].Exception.Message);
        AssertInputIsGroup(result.Errors[1], "SuspendOktaUserCommand");
        Assert.Contains($"Okta group 'TL-Admins' ({groupId})", result.Errors[1].Exception.Message);
        AssertInputIsGroup(result.Errors[2], "ResumeOktaUserCommand");
        AssertInputIsGroup(result.Errors[3], "GetOktaUserCommand");
        AssertInputIsGroup(result.Errors[4], "GetOktaUserCommand");
        AssertInputIsGroup(result.Errors[5], "GetOktaUserFactorCommand");
        AssertInputIsGroup(result.Errors[6], "GetOktaUserFactorCommand");
        Assert.Equal(user.Id, Assert.IsType<OktaUserSessionRevocation>(Assert.Single(result.Output).BaseObject).UserId);
        Assert.Equal(new[] { user.Id }, org.Emulator.ResponseActions.SessionRevocations.Select(r => r.UserId));
        Assert.DoesNotContain(org.Emulator.Requests.All, r => r.Path.Contains(groupId));
        Assert.DoesNotContain(org.Emulator.Requests.All, r => r.Path.Contains("grp-from-a-job"));
    }

    [Fact]
    public async Task Admin_assignments_of_groups_and_blank_ids_given_to_Get_OktaUser_and_Get_OktaUserFactor_are_errors_naming_the_input()
    {
        await using var org = await TestOrg.StartAsync();
        var user = ResponseTestData.Active(org);
        using var ps = ResponseActionSafetyCmdletTests.Connect(org);

        // Rows as Get-OktaAdminAssignment writes them: one held by a group (no UserId), one by a user.
        var result = ps.Invoke(@"
            $rows = @(
                [pscustomobject]@{ PrincipalType = 'Group'; PrincipalId = '00gadmins00000000001'; PrincipalName = 'TL-Admins'; GroupId = '00gadmins00000000001'; UserId = $null; Login = $null }
                [pscustomobject]@{ PrincipalType = 'User'; PrincipalId = $uid; UserId = $uid; Login = $login }
            )
            # Factors of anyone but the user row's user, then the users read.
            @($rows | Get-OktaUserFactor | Where-Object { $_.UserId -ne $uid }).Count
            ($rows | Get-OktaUser).Id
            Get-OktaUserFactor -UserId ' '
            Get-OktaUser -UserId ''",
            new Dictionary<string, object?> { ["uid"] = user.Id, ["login"] = user.Login });

        Assert.Null(result.Terminating);
        Assert.True(4 == result.Errors.Count, result.AllText);
        AssertInputIsGroup(result.Errors[0], "GetOktaUserFactorCommand");
        Assert.Contains("Okta group 'TL-Admins' (00gadmins00000000001)", result.Errors[0].Exception.Message);
        AssertInputIsGroup(result.Errors[1], "GetOktaUserCommand");
        Assert.Equal("OktaUserIdBlank,OktaIntegration.Commands.GetOktaUserFactorCommand", result.Errors[2].FullyQualifiedErrorId);
        Assert.Equal(" ", result.Errors[2].TargetObject);
        Assert.Equal("OktaUserIdBlank,OktaIntegration.Commands.GetOktaUserCommand", result.Errors[3].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, result.Errors[3].CategoryInfo.Category);
        Assert.Equal(new object[] { 0, user.Id }, result.Output.Select(o => o.BaseObject));
        Assert.DoesNotContain(org.Emulator.Requests.All, r => r.Path.Contains("00gadmins"));
    }

    [Fact]
    public async Task Users_piped_into_Get_OktaGroupMember_are_refused_as_users_and_groups_still_work()
    {
        await using var org = await TestOrg.StartAsync();
        var user = ResponseTestData.Active(org);
        using var ps = ResponseActionSafetyCmdletTests.Connect(org);
        var groups = Groups(org, ps, "TL-Admins");
        var members = ps.Invoke("$groups | Get-OktaGroupMember", new Dictionary<string, object?> { ["groups"] = groups.ToArray() });
        Assert.Empty(members.AllErrors);
        var member = (OktaUser)members.Output[0].BaseObject;
        var expected = members.Output.Count;

        var result = ps.Invoke(@"
            Get-OktaUser -UserId $uid | Get-OktaGroupMember
            $member | Get-OktaGroupMember
            Get-OktaGroupMember -GroupId $uid
            @($groups | Get-OktaGroupMember).Count",
            new Dictionary<string, object?> { ["uid"] = user.Id, ["member"] = member, ["groups"] = groups.ToArray() });

        Assert.Null(result.Terminating);
        Assert.True(3 == result.Errors.Count, result.AllText);
        Assert.All(result.Errors, e =>
        {
            Assert.Equal("OktaInputIsUser,OktaIntegration.Commands.GetOktaGroupMemberCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        });
        Assert.Contains($"Okta user '{user.Login}' ({user.Id}), not a group", result.Errors[0].Exception.Message);
        Assert.Contains($"member of '{member.GroupName}' ({member.GroupId}); to read that group give -GroupId {member.GroupId}", result.Errors[1].Exception.Message);
        Assert.Contains($"'{user.Id}' is an Okta user id", result.Errors[2].Exception.Message);
        Assert.Equal(user.Id, result.Errors[2].TargetObject);
        Assert.Equal(expected, (int)Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public async Task WhatIf_and_Confirm_name_the_user_Okta_resolves_the_input_to_and_send_no_write()
    {
        await using var org = await TestOrg.StartAsync();
        var (a, b) = (ResponseTestData.Active(org, 0), ResponseTestData.Active(org, 1));
        var suspended = ResponseTestData.WithStatus(org, "SUSPENDED");
        var host = new RecordingHost { ConfirmAnswer = "No" };
        using var ps = ResponseActionSafetyCmdletTests.Connect(org, host);
        org.Emulator.Requests.Clear();
        var url = org.BaseUrl.ToString().TrimEnd('/');

        var result = ps.Invoke(@"
            Revoke-OktaUserSession -UserId $aLogin -WhatIf
            Suspend-OktaUser -UserId $b -WhatIf
            # The object's Login is not the login of the user its Id names: the preview names the user acted on.
            [pscustomobject]@{ Id = $a; Login = 'someone.else@example.com' } | Resume-OktaUser -UserId $suspendedId -WhatIf
            [pscustomobject]@{ Id = $a; Login = 'someone.else@example.com' } | Revoke-OktaUserSession -WhatIf
            Suspend-OktaUser -UserId $bLogin -Confirm",
            new Dictionary<string, object?> { ["aLogin"] = a.Login, ["a"] = a.Id, ["b"] = b.Id, ["bLogin"] = b.Login, ["suspendedId"] = suspended.Id });

        Assert.True(result.AllErrors.Count == 0, result.AllText);
        var whatIf = host.Lines.Where(l => l.StartsWith("What if:")).ToList();
        Assert.Equal(4, whatIf.Count);
        Assert.Contains($"\"Revoke all Okta sessions\" on target \"Okta user {a.Login} ({a.Id}) in {url}\"", whatIf[0]);
        Assert.Contains($"\"Suspend (status ACTIVE -> SUSPENDED)\" on target \"Okta user {b.Login} ({b.Id}) in {url}\"", whatIf[1]);
        Assert.Contains($"\"Unsuspend (status SUSPENDED -> ACTIVE)\" on target \"Okta user {suspended.Login} ({suspended.Id}) in {url}\"", whatIf[2]);
        Assert.Contains($"Okta user {a.Login} ({a.Id}) in {url}", whatIf[3]);
        Assert.DoesNotContain(whatIf, l => l.Contains("someone.else@example.com"));
        var prompt = Assert.Single(host.Prompts);
        Assert.Contains($"Okta user {b.Login} ({b.Id}) in {url}", prompt);
        Assert.All(org.Emulator.Requests.All, r => Assert.Equal("GET", r.Method));
        Assert.Empty(org.Emulator.ResponseActions.Events);
        Assert.Equal("ACTIVE", b.Status);
        Assert.Equal("SUSPENDED", suspended.Status);
    }

    [Fact]
    public async Task WhatIf_says_what_a_real_run_would_for_users_the_action_does_not_apply_to()
    {
        await using var org = await TestOrg.StartAsync();
        var active = ResponseTestData.Active(org);
        var suspended = ResponseTestData.WithStatus(org, "SUSPENDED");
        var deprovisioned = ResponseTestData.WithStatus(org, "DEPROVISIONED");
        var host = new RecordingHost();
        using var ps = ResponseActionSafetyCmdletTests.Connect(org, host);

        var result = ps.Invoke("Suspend-OktaUser -UserId $s, $d -WhatIf; Resume-OktaUser -UserId $a -WhatIf; Revoke-OktaUserSession -UserId 'ghost@example.com' -WhatIf",
            new Dictionary<string, object?> { ["s"] = suspended.Id, ["d"] = deprovisioned.Id, ["a"] = active.Id });

        Assert.DoesNotContain(host.Lines, l => l.StartsWith("What if:"));
        Assert.Contains(result.Warnings, w => w.Contains(suspended.Login) && w.Contains("already SUSPENDED"));
        Assert.Contains(result.Warnings, w => w.Contains(active.Login) && w.Contains("already ACTIVE"));
        Assert.Equal(new[] { "OktaUserStateInvalid,OktaIntegration.Commands.SuspendOktaUserCommand", "OktaUserNotFound,OktaIntegration.Commands.RevokeOktaUserSessionCommand" },
            result.Errors.Select(e => e.FullyQualifiedErrorId));
        Assert.Empty(org.Emulator.ResponseActions.Events);
    }

    [Fact]
    public async Task Get_OktaUserFactor_looks_up_a_login_short_name_that_starts_like_a_user_id()
    {
        // Only a string of a user id's whole shape (00u and 17 more letters or digits) skips the
        // lookup; "00ujane" is a short name of the login 00ujane@example.com, not an id.
        await using var org = await TestOrg.StartAsync();
        var user = ResponseTestData.Active(org);
        user.Login = "00ujane@example.com";
        using var ps = ResponseActionSafetyCmdletTests.Connect(org);

        var result = ps.Invoke("Get-OktaUserFactor -UserId 00ujane");

        Assert.True(result.Errors.Count == 0, result.AllText);
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, f => Assert.Equal(user.Id, (string)((dynamic)f.BaseObject).UserId));
        Assert.All(result.Output, f => Assert.Equal(user.Login, (string)((dynamic)f.BaseObject).Login));
    }
}
