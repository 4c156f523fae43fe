using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OktaIntegration.Core.Users;
using OktaIntegration.Core.Zones;
using OktaIntegration.Emulator.Zones;
using OktaIntegration.Tests.Infrastructure;
using OktaIntegration.Tests.Users;
using Xunit;

namespace OktaIntegration.Tests.Cmdlets;

/// <summary>
/// The response actions refuse what they cannot act on safely, with an error record that names the
/// input (ambiguous and all-covering addresses, very large blocks without -Force, blank user ids),
/// and tell the operator who and what they are about to change (-WhatIf and -Confirm text).
/// </summary>
public class ResponseActionSafetyCmdletTests
{
    /// <summary>A session connected to the org with its API token, the requests made so far cleared.</summary>
    internal static PowerShellSession Connect(TestOrg org, RecordingHost? host = null)
    {
        var ps = new PowerShellSession(host);
        var result = ps.Invoke("Connect-OktaTenant -OrgUrl $url -ApiToken $token",
            new Dictionary<string, object?> { ["url"] = org.BaseUrl.ToString(), ["token"] = ConnectOktaTenantCmdletTests.Secure(TestOrg.ApiToken) });
        Assert.Empty(result.AllErrors);
        org.Emulator.Requests.Clear();
        return ps;
    }

    private static void AssertRefused(ErrorRecord error, string errorId, string command, string input)
    {
        Assert.Equal($"{errorId},OktaIntegration.Commands.{command}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(input, error.TargetObject);
    }

    [Fact]
    public async Task Block_refuses_leading_zero_addresses_instead_of_blocking_their_octal_reading()
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        using var ps = Connect(org);

        var result = ps.Invoke("Block-OktaIpAddress -IpAddress '010.0.0.1', '192.168.010.001', '10.1', '198.51.100.7' -Confirm:$false");

        Assert.Equal(3, result.Errors.Count);
        AssertRefused(result.Errors[0], "OktaAmbiguousIpAddress", "BlockOktaIpAddressCommand", "010.0.0.1");
        Assert.Contains("8.0.0.1", result.Errors[0].Exception.Message);
        AssertRefused(result.Errors[1], "OktaAmbiguousIpAddress", "BlockOktaIpAddressCommand", "192.168.010.001");
        AssertRefused(result.Errors[2], "OktaAmbiguousIpAddress", "BlockOktaIpAddressCommand", "10.1");
        Assert.Equal(new[] { "198.51.100.7" }, zone.Gateways!.Select(g => g.Value));
    }

    [Fact]
    public async Task Block_refuses_ranges_that_cover_every_address()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = Connect(org);

        var result = ps.Invoke(@"'0.0.0.0-255.255.255.255', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '::ffff:0.0.0.0/96' |
            Block-OktaIpAddress -Force -Confirm:$false");

        Assert.Equal(3, result.Errors.Count);
        AssertRefused(result.Errors[0], "OktaIpBlockCoversEveryAddress", "BlockOktaIpAddressCommand", "0.0.0.0-255.255.255.255");
        AssertRefused(result.Errors[1], "OktaIpBlockCoversEveryAddress", "BlockOktaIpAddressCommand", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        AssertRefused(result.Errors[2], "OktaIpBlockCoversEveryAddress", "BlockOktaIpAddressCommand", "::ffff:0.0.0.0/96");
        Assert.All(result.Errors, e => Assert.Contains("lock everyone out", e.Exception.Message));
        Assert.Empty(result.Output);
        Assert.Empty(org.Emulator.Requests.ForPath("/api/v1/zones"));
    }

    [Fact]
    public async Task Block_asks_for_Force_on_blocks_larger_than_a_slash_8_or_a_slash_32()
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        using var ps = Connect(org);

        var refused = ps.Invoke("Block-OktaIpAddress -IpAddress 10.0.0.0/7, 2001:db8::/31, 11.0.0.0/8, 2001:db8::/32 -Confirm:$false");
        var forced = ps.Invoke("Block-OktaIpAddress -IpAddress 10.0.0.0/7, 2001:db8::/31 -Force -Confirm:$false");

        Assert.Equal(2, refused.Errors.Count);
        AssertRefused(refused.Errors[0], "OktaIpBlockNeedsForce", "BlockOktaIpAddressCommand", "10.0.0.0/7");
        Assert.Contains("33,554,432", refused.Errors[0].Exception.Message);
        Assert.Contains("-Force", refused.Errors[0].Exception.Message);
        AssertRefused(refused.Errors[1], "OktaIpBlockNeedsForce", "BlockOktaIpAddressCommand", "2001:db8::/31");
        Assert.Equal(new[] { "11.0.0.0/8", "2001:db8::/32" }, refused.Output.Select(o => ((OktaIpBlockResult)o.BaseObject).IpAddress));
        Assert.Empty(forced.AllErrors);
        Assert.Equal(new[] { "11.0.0.0/8", "2001:db8::/32", "10.0.0.0/7", "2001:db8::/31" }, zone.Gateways!.Select(g => g.Value));
    }

    [Fact]
    public async Task Unblock_needs_no_Force_for_a_large_block()
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        zone.Gateways = new() { new ZoneAddress("CIDR", "10.0.0.0/7") };
        using var ps = Connect(org);

        var result = ps.Invoke("Unblock-OktaIpAddress -IpAddress 10.0.0.0/7 -Confirm:$false");

        Assert.Empty(result.AllErrors);
        Assert.Empty(zone.Gateways ?? new());
    }

    [Theory]
    [InlineData("Revoke-OktaUserSession", "RevokeOktaUserSessionCommand", " ", "\" \"")]
    [InlineData("Suspend-OktaUser", "SuspendOktaUserCommand", "\t", "\"`t\"")]
    [InlineData("Resume-OktaUser", "ResumeOktaUserCommand", "", "\"\"")]
    public async Task A_blank_user_id_is_an_error_record_naming_the_input(string cmdlet, string command, string blank, string shown)
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = Connect(org);

        var result = ps.Invoke($"{cmdlet} -UserId $blank -Confirm:$false", new Dictionary<string, object?> { ["blank"] = blank });

        var error = Assert.Single(result.AllErrors);
        AssertRefused(error, "OktaUserIdBlank", command, blank);
        Assert.Contains($"UserId value {shown} is blank", error.Exception.Message);
        Assert.Empty(result.Output);
        Assert.Empty(org.Emulator.Requests.ForPath("/api/v1/users"));
    }

    [Fact]
    public async Task A_blank_CSV_column_is_an_error_for_its_row_and_the_other_rows_go_on()
    {
        await using var org = await TestOrg.StartAsync();
        var (a, b) = (ResponseTestData.Active(org, 0), ResponseTestData.Active(org, 1));
        using var ps = Connect(org);

        // Rows as Import-Csv gives them (every column a string; a blank cell is ""). The hosted
        // engine has no Utility module; Pester runs the same through ConvertFrom-Csv.
        var result = ps.Invoke(@"
            @(
                [pscustomobject]@{ UserId = $a; Login = '' }
                [pscustomobject]@{ UserId = ''; Login = $bLogin }
                [pscustomobject]@{ UserId = '  '; Login = '' }
            ) | Revoke-OktaUserSession -Confirm:$false
            $null | Suspend-OktaUser -Confirm:$false",
            new Dictionary<string, object?> { ["a"] = a.Id, ["bLogin"] = b.Login });

        Assert.True(3 == result.Errors.Count, result.AllText);
        AssertRefused(result.Errors[0], "OktaUserIdBlank", "RevokeOktaUserSessionCommand", "");
        Assert.Contains(b.Login, result.Errors[0].Exception.Message);
        AssertRefused(result.Errors[1], "OktaUserIdBlank", "RevokeOktaUserSessionCommand", "  ");
        AssertRefused(result.Errors[2], "OktaUserIdBlank", "SuspendOktaUserCommand", null!);
        Assert.Contains("$null", result.Errors[2].Exception.Message);
        Assert.Equal(new[] { a.Id }, org.Emulator.ResponseActions.SessionRevocations.Select(r => r.UserId));
        Assert.Equal("ACTIVE", b.Status);
    }

    [Fact]
    public async Task A_login_alone_still_names_the_user()
    {
        await using var org = await TestOrg.StartAsync();
        var (a, b) = (ResponseTestData.Active(org, 0), ResponseTestData.Active(org, 1));
        using var ps = Connect(org);

        var result = ps.Invoke("Revoke-OktaUserSession -Login $a -Confirm:$false; [pscustomobject]@{ Login = $b } | Revoke-OktaUserSession -Confirm:$false",
            new Dictionary<string, object?> { ["a"] = a.Login, ["b"] = b.Login });

        Assert.Empty(result.AllErrors);
        Assert.Equal(new[] { a.Id, b.Id }, org.Emulator.ResponseActions.SessionRevocations.Select(r => r.UserId));
    }

    [Fact]
    public async Task A_blank_group_id_is_an_error_record_not_silence()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = Connect(org);

        var result = ps.Invoke("Get-OktaGroupMember -GroupId ' '");

        var error = Assert.Single(result.AllErrors);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(" ", error.TargetObject);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task WhatIf_names_piped_group_members_log_actors_and_typed_ids_as_the_login_and_id_Okta_resolves()
    {
        await using var org = await TestOrg.StartAsync();
        var (a, b, c) = (ResponseTestData.Active(org, 0), ResponseTestData.Active(org, 1), ResponseTestData.Active(org, 2));
        var s = ResponseTestData.WithStatus(org, "SUSPENDED");
        var host = new RecordingHost();
        using var ps = Connect(org, host);

        var result = ps.Invoke(@"
            [pscustomobject]@{ Id = $a; Login = $aLogin; Status = 'ACTIVE' } | Revoke-OktaUserSession -WhatIf
            [pscustomobject]@{ Id = 'evt-1'; Uuid = 'evt-1'; ActorId = $b; ActorAlternateId = $bLogin; ClientIp = '198.51.100.7' } | Suspend-OktaUser -WhatIf
            Resume-OktaUser -UserId $s -WhatIf
            Revoke-OktaUserSession -UserId $cLogin -WhatIf
            # An id given on the command line is not the piped object's: the user it names is shown.
            [pscustomobject]@{ Login = $aLogin } | Suspend-OktaUser -UserId $c -WhatIf",
            new Dictionary<string, object?> { ["a"] = a.Id, ["aLogin"] = a.Login, ["b"] = b.Id, ["bLogin"] = b.Login, ["c"] = c.Id, ["cLogin"] = c.Login, ["s"] = s.Id });

        Assert.Empty(result.AllErrors);
        Assert.Equal(5, host.Lines.Count(l => l.StartsWith("What if:")));
        Assert.Contains(host.Lines, l => l.Contains($"Okta user {a.Login} ({a.Id})"));
        Assert.Contains(host.Lines, l => l.Contains($"Okta user {b.Login} ({b.Id})"));
        Assert.Contains(host.Lines, l => l.Contains($"Okta user {s.Login} ({s.Id})"));
        Assert.Equal(2, host.Lines.Count(l => l.Contains($"Okta user {c.Login} ({c.Id}) in ")));
        Assert.DoesNotContain(host.Lines, l => l.Contains($"Okta user {a.Login} ({c.Id})"));
        Assert.All(org.Emulator.Requests.ForPath("/api/v1/"), r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task WhatIf_names_members_read_from_Okta_as_login_and_id()
    {
        await using var org = await TestOrg.StartAsync();
        var host = new RecordingHost();
        using var ps = Connect(org, host);

        var members = ps.Invoke("@(Get-OktaGroup -Name 'TL-*' | Get-OktaGroupMember)[0..1]");
        Assert.Empty(members.AllErrors);
        var result = ps.Invoke("$members | Suspend-OktaUser -WhatIf", new Dictionary<string, object?> { ["members"] = members.Output.ToArray() });

        Assert.Empty(result.AllErrors);
        Assert.Equal(2, members.Output.Count);
        foreach (var member in members.Output.Select(o => (dynamic)o.BaseObject))
            Assert.Contains(host.Lines, l => l.Contains($"Okta user {member.Login} ({member.Id})"));
    }

    [Fact]
    public async Task Block_is_high_impact_so_it_asks_before_rewriting_the_zone_and_a_no_changes_nothing()
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        var host = new RecordingHost { ConfirmAnswer = "No" };
        using var ps = Connect(org, host);

        // No -Confirm: the default $ConfirmPreference (High) decides whether to ask.
        var result = ps.Invoke("Block-OktaIpAddress -IpAddress 198.51.100.9/24");

        Assert.Empty(result.AllErrors);
        var prompt = Assert.Single(host.Prompts);
        Assert.Contains("198.51.100.0/24 (given as 198.51.100.9/24, 256 addresses) in network zone 'BlockedIpZone'", prompt);
        Assert.Empty(zone.Gateways ?? new());
        Assert.DoesNotContain(org.Emulator.Requests.All, r => r.Method == "PUT");
        var attribute = (CmdletAttribute)System.Attribute.GetCustomAttribute(typeof(OktaIntegration.Commands.BlockOktaIpAddressCommand), typeof(CmdletAttribute))!;
        Assert.Equal(ConfirmImpact.High, attribute.ConfirmImpact);
    }
}
