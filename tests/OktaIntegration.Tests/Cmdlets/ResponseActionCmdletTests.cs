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

/// <summary>The response-action cmdlets in a real PowerShell engine against the emulator: binding, ShouldProcess, errors, idempotence.</summary>
public class ResponseActionCmdletTests
{
    private static PowerShellSession Connect(TestOrg org)
    {
        var ps = new PowerShellSession();
        var result = ps.Invoke("Connect-OktaTenant -OrgUrl $url -ApiToken $token",
            new Dictionary<string, object?> { ["url"] = org.BaseUrl.ToString(), ["token"] = ConnectOktaTenantCmdletTests.Secure(TestOrg.ApiToken) });
        Assert.Empty(result.AllErrors);
        org.Emulator.Requests.Clear();
        return ps;
    }

    private static int ApiRequests(TestOrg org) => org.Emulator.Requests.ForPath("/api/v1/").Count;

    [Fact]
    public async Task Revokes_by_id_and_login_with_explicit_flags_and_writes_a_result_per_user()
    {
        await using var org = await TestOrg.StartAsync();
        var (a, b) = (ResponseTestData.Active(org, 0), ResponseTestData.Active(org, 1));
        using var ps = Connect(org);

        var result = ps.Invoke("Revoke-OktaUserSession -UserId $a, $b -IncludeOAuthTokens -Confirm:$false",
            new Dictionary<string, object?> { ["a"] = a.Id, ["b"] = b.Login });

        Assert.Empty(result.AllErrors);
        var revocations = result.Output.Select(o => Assert.IsType<OktaUserSessionRevocation>(o.BaseObject)).ToList();
        Assert.Equal(new[] { a.Id, b.Id }, revocations.Select(r => r.UserId));
        Assert.Equal(new[] { a.Login, b.Login }, revocations.Select(r => r.Login));
        Assert.All(revocations, r => Assert.True(r.OAuthTokensRevoked));
        Assert.All(revocations, r => Assert.False(r.DevicesForgotten));
        Assert.All(org.Emulator.ResponseActions.SessionRevocations, r => Assert.False(r.ForgetDevices));
        Assert.All(org.Emulator.Requests.All.Where(r => r.Method == "DELETE"), r => Assert.Contains("forgetDevices=false", r.Query));
        Assert.Equal(2, org.Emulator.ResponseActions.EventsOfType("user.session.clear").Count);
    }

    /// <summary>Requests other than GET: what would change something in the org.</summary>
    private static int Writes(TestOrg org) => org.Emulator.Requests.All.Count(r => r.Method != "GET");

    [Fact]
    public async Task WhatIf_sends_no_write_for_any_action_and_looks_up_only_the_users()
    {
        await using var org = await TestOrg.StartAsync();
        var user = ResponseTestData.Active(org);
        using var ps = Connect(org);

        var result = ps.Invoke(@"
            Revoke-OktaUserSession -UserId $id -WhatIf
            Suspend-OktaUser -UserId $id -WhatIf
            Resume-OktaUser -UserId $id -WhatIf
            [pscustomobject]@{ EventType = 'security.threat.detected'; ClientIp = '198.51.100.7' } | Block-OktaIpAddress -WhatIf
            Unblock-OktaIpAddress -IpAddress 198.51.100.7 -WhatIf",
            new Dictionary<string, object?> { ["id"] = user.Id });

        Assert.Empty(result.AllErrors);
        Assert.Empty(result.Output);
        Assert.Equal(0, Writes(org));
        // Each user action looks the user up to name them; the IP actions read nothing until they write.
        Assert.Equal(3, ApiRequests(org));
        Assert.Equal(3, org.Emulator.Requests.ForPath("/api/v1/users/" + user.Id).Count);
        Assert.Equal("ACTIVE", user.Status);
        Assert.Empty(org.Emulator.ResponseActions.Events);
    }

    [Fact]
    public async Task Without_Confirm_false_a_host_that_cannot_prompt_changes_nothing()
    {
        await using var org = await TestOrg.StartAsync();
        var user = ResponseTestData.Active(org);
        using var ps = Connect(org);

        var result = ps.Invoke("Revoke-OktaUserSession -UserId $id; Suspend-OktaUser -UserId $id", new Dictionary<string, object?> { ["id"] = user.Id });

        Assert.NotEmpty(result.AllErrors);
        Assert.Equal(0, Writes(org));
        Assert.Equal("ACTIVE", user.Status);
        Assert.Empty(org.Emulator.ResponseActions.Events);
    }

    [Fact]
    public async Task Binds_actor_ids_from_log_events_and_ids_from_group_members_and_revokes_each_user_once()
    {
        await using var org = await TestOrg.StartAsync();
        var (a, b, c) = (ResponseTestData.Active(org, 0), ResponseTestData.Active(org, 1), ResponseTestData.Active(org, 2));
        using var ps = Connect(org);

        // Log events carry their own id too: ActorId must win over it. The same actor appears
        // twice, and once more as a group member by login.
        var result = ps.Invoke(@"
            $events = @(
                [pscustomobject]@{ Id = 'evt-1'; Uuid = 'evt-1'; EventType = 'user.session.start'; ActorId = $a; ClientIp = '198.51.100.7' }
                [pscustomobject]@{ Id = 'evt-2'; Uuid = 'evt-2'; EventType = 'user.session.start'; ActorId = $a; ClientIp = '198.51.100.8' }
                [pscustomobject]@{ Id = 'evt-3'; Uuid = 'evt-3'; EventType = 'user.session.start'; ActorId = $b; ClientIp = '198.51.100.9' }
            )
            $members = @(
                [pscustomobject]@{ Id = $c; Login = $cLogin; Status = 'ACTIVE' }
                [pscustomobject]@{ Login = $aLogin }
            )
            @($events) + @($members) | Revoke-OktaUserSession -Confirm:$false",
            new Dictionary<string, object?> { ["a"] = a.Id, ["b"] = b.Id, ["c"] = c.Id, ["cLogin"] = c.Login, ["aLogin"] = a.Login });

        Assert.Empty(result.AllErrors);
        Assert.Equal(new[] { a.Id, b.Id, c.Id }, result.Output.Select(o => ((OktaUserSessionRevocation)o.BaseObject).UserId));
        Assert.Equal(new[] { a.Id, b.Id, c.Id }, org.Emulator.ResponseActions.SessionRevocations.Select(r => r.UserId));
    }

    [Fact]
    public async Task A_missing_user_in_the_middle_of_a_batch_is_a_non_terminating_error_and_the_rest_go_on()
    {
        await using var org = await TestOrg.StartAsync();
        var (a, b) = (ResponseTestData.Active(org, 0), ResponseTestData.Active(org, 1));
        using var ps = Connect(org);

        var result = ps.Invoke("$a, 'ghost@example.com', $b | Revoke-OktaUserSession -Confirm:$false",
            new Dictionary<string, object?> { ["a"] = a.Login, ["b"] = b.Login });

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("OktaUserNotFound,OktaIntegration.Commands.RevokeOktaUserSessionCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("ghost@example.com", error.TargetObject);
        Assert.Contains("ghost@example.com", error.Exception.Message);
        Assert.Equal(new[] { a.Id, b.Id }, org.Emulator.ResponseActions.SessionRevocations.Select(r => r.UserId));
        Assert.Equal(2, result.Output.Count);
    }

    [Fact]
    public async Task A_token_without_the_manage_scope_stops_the_batch_at_the_first_user()
    {
        await using var org = await TestOrg.StartAsync();
        var (a, b) = (ResponseTestData.Active(org, 0), ResponseTestData.Active(org, 1));
        using var connection = await org.ConnectAsync(org.PrivateKeyJwtSettings(null, "okta.users.read"));
        using var ps = new PowerShellSession();
        org.Emulator.Requests.Clear();

        var result = ps.Invoke("try { $ids | Revoke-OktaUserSession -Connection $c -Confirm:$false; 'went on' } catch { $_ }",
            new Dictionary<string, object?> { ["ids"] = new[] { a.Id, b.Id }, ["c"] = connection });

        var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
        Assert.Equal("OktaInsufficientScope,OktaIntegration.Commands.RevokeOktaUserSessionCommand", error.FullyQualifiedErrorId);
        Assert.Contains("okta.users.manage", error.Exception.Message);
        Assert.Single(org.Emulator.Requests.All, r => r.Method == "DELETE");
        Assert.Empty(org.Emulator.ResponseActions.SessionRevocations);
    }

    [Fact]
    public async Task A_revoked_api_token_stops_the_batch_instead_of_failing_every_user()
    {
        await using var org = await TestOrg.StartAsync();
        var (a, b) = (ResponseTestData.Active(org, 0), ResponseTestData.Active(org, 1));
        using var ps = Connect(org);
        org.Emulator.Options.ApiTokens.Clear();

        var result = ps.Invoke("try { $ids | Suspend-OktaUser -Confirm:$false; 'went on' } catch { $_ }",
            new Dictionary<string, object?> { ["ids"] = new[] { a.Id, b.Id } });

        var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
        Assert.Equal("OktaAuthenticationFailed,OktaIntegration.Commands.SuspendOktaUserCommand", error.FullyQualifiedErrorId);
        Assert.Equal(1, ApiRequests(org));
        Assert.Equal("ACTIVE", b.Status);
    }

    [Fact]
    public async Task Suspend_says_why_nothing_happened_and_errors_on_users_it_cannot_suspend()
    {
        await using var org = await TestOrg.StartAsync();
        var active = ResponseTestData.Active(org);
        var suspended = ResponseTestData.WithStatus(org, "SUSPENDED");
        var deprovisioned = ResponseTestData.WithStatus(org, "DEPROVISIONED");
        using var ps = Connect(org);

        var result = ps.Invoke("$ids | Suspend-OktaUser -PassThru -Confirm:$false",
            new Dictionary<string, object?> { ["ids"] = new[] { active.Id, suspended.Login, deprovisioned.Id } });

        var users = result.Output.Select(o => Assert.IsType<OktaUser>(o.BaseObject)).ToList();
        Assert.Equal(new[] { active.Id, suspended.Id }, users.Select(u => u.Id));
        Assert.All(users, u => Assert.Equal("SUSPENDED", u.Status));
        Assert.Contains(result.Warnings, w => w.Contains(suspended.Login) && w.Contains("already SUSPENDED"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("OktaUserStateInvalid,OktaIntegration.Commands.SuspendOktaUserCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("DEPROVISIONED", error.Exception.Message);
        Assert.Equal("DEPROVISIONED", deprovisioned.Status);
        Assert.Equal(active.Id, Assert.Single(org.Emulator.ResponseActions.LifecycleChanges).UserId);
    }

    [Fact]
    public async Task Suspend_PassThru_pipes_into_Resume_which_restores_the_user()
    {
        await using var org = await TestOrg.StartAsync();
        var user = ResponseTestData.Active(org);
        using var ps = Connect(org);

        var result = ps.Invoke("Suspend-OktaUser -UserId $login -PassThru -Confirm:$false | Resume-OktaUser -PassThru -Confirm:$false",
            new Dictionary<string, object?> { ["login"] = user.Login });

        Assert.Empty(result.AllErrors);
        Assert.Equal("ACTIVE", ((OktaUser)Assert.Single(result.Output).BaseObject).Status);
        Assert.Equal("ACTIVE", user.Status);
        Assert.Equal(new[] { "user.lifecycle.suspend", "user.lifecycle.unsuspend" }, org.Emulator.ResponseActions.Events.Select(e => e.EventType));
    }

    [Fact]
    public async Task Resume_of_an_active_user_warns_and_sends_no_lifecycle_call()
    {
        await using var org = await TestOrg.StartAsync();
        var user = ResponseTestData.Active(org);
        using var ps = Connect(org);

        var result = ps.Invoke("Resume-OktaUser -UserId $id -Confirm:$false", new Dictionary<string, object?> { ["id"] = user.Id });

        Assert.Empty(result.AllErrors);
        Assert.Contains(result.Warnings, w => w.Contains("already ACTIVE"));
        Assert.Empty(org.Emulator.Requests.ForPath($"/api/v1/users/{user.Id}/lifecycle"));
    }

    [Fact]
    public async Task Blocks_client_ips_from_log_events_with_one_write_and_reports_bad_addresses()
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        using var ps = Connect(org);

        var result = ps.Invoke(@"
            @(
                [pscustomobject]@{ EventType = 'security.threat.detected'; ActorId = 'x'; ClientIp = '198.51.100.7' }
                [pscustomobject]@{ EventType = 'security.threat.detected'; ActorId = 'y'; ClientIp = '198.51.100.7' }
                [pscustomobject]@{ EventType = 'security.threat.detected'; ActorId = 'z'; ClientIp = '2001:db8::42' }
                [pscustomobject]@{ EventType = 'security.threat.detected'; ActorId = 'w'; ClientIp = 'not-an-ip' }
            ) | Block-OktaIpAddress -Confirm:$false");

        var error = Assert.Single(result.Errors);
        Assert.Equal("OktaInvalidIpAddress,OktaIntegration.Commands.BlockOktaIpAddressCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("not-an-ip", error.TargetObject);
        var results = result.Output.Select(o => Assert.IsType<OktaIpBlockResult>(o.BaseObject)).ToList();
        Assert.Equal(new[] { "198.51.100.7", "2001:db8::42" }, results.Select(r => r.IpAddress));
        Assert.All(results, r => Assert.Equal(IpBlocklistAction.Added, r.ActionKind));
        Assert.Equal(new[] { "198.51.100.7", "2001:db8::42" }, zone.Gateways!.Select(g => g.Value));
        Assert.Single(org.Emulator.Requests.All, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Piping_hundreds_of_addresses_makes_one_put_and_repeating_it_makes_none()
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        using var ps = Connect(org);
        var addresses = Enumerable.Range(0, 300).Select(i => $"10.20.{i / 200}.{i % 200 + 1}").ToArray();

        var first = ps.Invoke("$list | Block-OktaIpAddress -Confirm:$false", new Dictionary<string, object?> { ["list"] = addresses });
        var again = ps.Invoke("$list | Block-OktaIpAddress -Confirm:$false", new Dictionary<string, object?> { ["list"] = addresses });

        Assert.Empty(first.AllErrors);
        Assert.Equal(300, first.Output.Count);
        Assert.Equal(300, zone.Gateways!.Count);
        Assert.All(again.Output, o => Assert.Equal(IpBlocklistAction.AlreadyBlocked, ((OktaIpBlockResult)o.BaseObject).ActionKind));
        Assert.Single(org.Emulator.Requests.All, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Exceeding_the_blocklist_limit_is_a_terminating_error_that_changes_nothing()
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.FindZoneByName("BlockedIpZone")!;
        zone.Gateways = Enumerable.Range(0, 1000).Select(i => new ZoneAddress("RANGE", $"10.{i / 256}.{i % 256}.1")).ToList();
        using var ps = Connect(org);

        // A non-terminating error would not reach catch; a terminating one does.
        var result = ps.Invoke("try { Block-OktaIpAddress -IpAddress 198.51.100.7 -Confirm:$false; 'went on' } catch { $_ }");

        var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
        Assert.Equal("OktaBlocklistLimitExceeded,OktaIntegration.Commands.BlockOktaIpAddressCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("1000", error.Exception.Message);
        Assert.Equal(1000, zone.Gateways!.Count);
        Assert.DoesNotContain(org.Emulator.Requests.All, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Unblock_removes_and_warns_when_a_wider_entry_still_blocks_the_address()
    {
        await using var org = await TestOrg.StartAsync();
        var zone = org.Emulator.Org.AddZone("IP", "SOC Blocklist", "BLOCKLIST", new[] { new ZoneAddress("RANGE", "198.51.100.7"), new ZoneAddress("CIDR", "192.0.2.0/24") });
        using var ps = Connect(org);

        var result = ps.Invoke("Unblock-OktaIpAddress -IpAddress 198.51.100.7, 192.0.2.9 -ZoneName 'SOC Blocklist' -Confirm:$false");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new[] { IpBlocklistAction.Removed, IpBlocklistAction.StillBlockedByWiderEntry }, result.Output.Select(o => ((OktaIpBlockResult)o.BaseObject).ActionKind));
        Assert.Contains(result.Warnings, w => w.Contains("192.0.2.0/24"));
        Assert.Equal(new[] { "192.0.2.0/24" }, zone.Gateways!.Select(g => g.Value));
    }

    [Fact]
    public async Task Unknown_zone_is_a_terminating_error_naming_the_blocklists_there_are()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = Connect(org);

        var result = ps.Invoke("try { Block-OktaIpAddress 198.51.100.7 -ZoneName Nope -Confirm:$false; 'went on' } catch { $_ }");

        var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
        Assert.Equal("OktaZoneNotFound,OktaIntegration.Commands.BlockOktaIpAddressCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("BlockedIpZone", error.Exception.Message);
    }

    [Fact]
    public async Task Bulk_revocation_reports_progress_and_completes_it()
    {
        await using var org = await TestOrg.StartAsync();
        var ids = org.Emulator.Org.Users.Where(u => u.Status == "ACTIVE").Take(10).Select(u => u.Id).ToArray();
        using var session = Connect(org);
        using var ps = PowerShell.Create();
        ps.Runspace = session.Runspace;
        ps.AddScript("$args[0] | Revoke-OktaUserSession -Confirm:$false").AddArgument(ids);

        var output = ps.Invoke();

        Assert.Equal(10, output.Count);
        Assert.True(ps.Streams.Progress.Count >= 10);
        Assert.Equal(ProgressRecordType.Completed, ps.Streams.Progress.Last().RecordType);
        Assert.Contains("10 done, 0 failed", ps.Streams.Progress.Last().StatusDescription);
    }

    [Fact]
    public void Cmdlets_declare_output_types_should_process_and_pipeline_aliases()
    {
        var types = new[]
        {
            typeof(OktaIntegration.Commands.RevokeOktaUserSessionCommand), typeof(OktaIntegration.Commands.SuspendOktaUserCommand),
            typeof(OktaIntegration.Commands.ResumeOktaUserCommand), typeof(OktaIntegration.Commands.BlockOktaIpAddressCommand),
            typeof(OktaIntegration.Commands.UnblockOktaIpAddressCommand),
        };
        foreach (var type in types)
        {
            var cmdlet = (CmdletAttribute)System.Attribute.GetCustomAttribute(type, typeof(CmdletAttribute))!;
            Assert.True(cmdlet.SupportsShouldProcess, type.Name);
            Assert.NotNull(System.Attribute.GetCustomAttribute(type, typeof(OutputTypeAttribute)));
        }
        Assert.Equal(ConfirmImpact.High, ((CmdletAttribute)System.Attribute.GetCustomAttribute(types[0], typeof(CmdletAttribute))!).ConfirmImpact);
        Assert.Equal(ConfirmImpact.High, ((CmdletAttribute)System.Attribute.GetCustomAttribute(types[1], typeof(CmdletAttribute))!).ConfirmImpact);
        var userAliases = (AliasAttribute)System.Attribute.GetCustomAttribute(types[0].GetProperty("UserId")!, typeof(AliasAttribute))!;
        Assert.Equal(new[] { "ActorId", "Id", "Login" }, userAliases.AliasNames);
        var ipAliases = (AliasAttribute)System.Attribute.GetCustomAttribute(types[3].GetProperty("IpAddress")!, typeof(AliasAttribute))!;
        Assert.Contains("ClientIp", ipAliases.AliasNames);
    }
}
