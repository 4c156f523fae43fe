using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OktaIntegration.Commands;
using OktaIntegration.Core.RoleSync;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Cmdlets;

/// <summary>Sync-OktaGroupRole in a real PowerShell engine: ShouldProcess, targets, error ids.</summary>
public sealed class SyncOktaGroupRoleCmdletTests : IDisposable
{
    private const string Map = "@{ 'TL-Admins' = 'Administrator'; 'TL-Helpdesk' = 'Helpdesk','Read Only' }";
    private readonly string _folder = Directory.CreateTempSubdirectory("okta-synccmdlet-").FullName;

    private string StorePath => Path.Combine(_folder, "roles.json");

    [Fact]
    public async Task WhatIf_changes_nothing_and_shows_the_plan_then_Confirm_false_applies_it()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var ps = new PowerShellSession();
        var vars = Vars(connection);

        var whatIf = ps.Invoke($"Sync-OktaGroupRole -Mapping {Map} -StatePath $path -Connection $c -WhatIf", vars);
        Assert.Empty(whatIf.AllErrors);
        var planned = Changes(whatIf);
        Assert.NotEmpty(planned);
        Assert.All(planned, c => Assert.Equal(RoleChangeOutcome.Planned, c.OutcomeKind));
        Assert.Contains(planned, c => c.ActionKind == RoleChangeAction.Grant && c.Role == "Administrator" && c.Reason == "member of TL-Admins");
        Assert.False(File.Exists(StorePath));

        var applied = Changes(ps.Invoke($"Sync-OktaGroupRole -Mapping {Map} -StatePath $path -Connection $c -Confirm:$false", vars));
        Assert.Equal(planned.Select(Key), applied.Select(Key));
        Assert.All(applied, c => Assert.Equal(RoleChangeOutcome.Applied, c.OutcomeKind));
        Assert.True(File.Exists(StorePath));

        var again = ps.Invoke($"Sync-OktaGroupRole -Mapping {Map} -StatePath $path -Connection $c -Confirm:$false", vars);
        Assert.Empty(again.AllErrors);
        Assert.Empty(again.Output);
    }

    [Fact]
    public async Task WhatIf_leaves_the_store_folder_exactly_as_it_was_and_still_reports_a_running_sync()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var ps = new PowerShellSession();
        var vars = Vars(connection);
        // A store with one user, and the temp file of a run that was killed mid-commit: a real run
        // creates roles.json.lock and deletes the temp file; a preview must do neither.
        File.WriteAllText(StorePath, "{ \"users\": [ { \"login\": \"leaver@example.com\", \"roles\": [\"Administrator\"] } ] }");
        File.WriteAllText(Path.Combine(_folder, ".roles.json.0badf00d.tmp"), "{ \"users\": [");
        var before = Snapshot();

        var preview = ps.Invoke($"Sync-OktaGroupRole -Mapping {Map} -StatePath $path -Connection $c -WhatIf", vars);
        var byPreference = ps.Invoke($"$WhatIfPreference = $true; Sync-OktaGroupRole -Mapping {Map} -StatePath $path -Connection $c; $WhatIfPreference = $false", vars);

        Assert.Empty(preview.AllErrors);
        Assert.Empty(byPreference.AllErrors);
        Assert.Contains(Changes(preview), c => c.ActionKind == RoleChangeAction.Revoke && c.Login == "leaver@example.com");
        Assert.All(Changes(preview).Concat(Changes(byPreference)), c => Assert.Equal(RoleChangeOutcome.Planned, c.OutcomeKind));
        Assert.Equal(before, Snapshot());
        Assert.False(File.Exists(StorePath + ".lock"));

        // A real run leaves its lock file behind; a preview while another run holds it is refused
        // as that run would be, and one after it is released goes ahead, still changing nothing.
        Assert.Empty(ps.Invoke($"Sync-OktaGroupRole -Mapping {Map} -StatePath $path -Connection $c -Confirm:$false", vars).AllErrors);
        var afterRun = Snapshot();
        using (JsonRoleStore.Open(StorePath))
        {
            var locked = ps.Invoke($"Sync-OktaGroupRole -Mapping {Map} -StatePath $path -Connection $c -WhatIf", vars);
            var lockError = Assert.Single(locked.AllErrors);
            Assert.Equal("OktaRoleStoreLocked,OktaIntegration.Commands.SyncOktaGroupRoleCommand", lockError.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceBusy, lockError.CategoryInfo.Category);
        }
        var free = ps.Invoke($"Sync-OktaGroupRole -Mapping @{{ 'Empty Group' = 'Administrator' }} -StatePath $path -Connection $c -Force -WhatIf", vars);
        Assert.Empty(free.AllErrors);
        Assert.NotEmpty(Changes(free));
        Assert.Equal(afterRun, Snapshot());
    }

    [Fact]
    public async Task The_script_target_receives_exactly_the_planned_calls()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var ps = new PowerShellSession();
        var state = org.Emulator.Org;
        var admin = state.MembersOf(state.FindGroupByName("TL-Admins")!).First(u => u.Status == "ACTIVE");
        const string Script = @"
$calls = [System.Collections.Generic.List[string]]::new()
$current = @(
    [pscustomobject]@{ Login = $adminLogin; Role = 'Administrator' }
    [pscustomobject]@{ Login = 'leaver@example.com'; UserId = '00uleaver00000000000'; Roles = @('Helpdesk', 'Billing') }
)
$params = @{
    Mapping = " + Map + @"
    GetAssignment = { $current }
    Grant = { param($change) $calls.Add(""Grant $($change.Login) $($change.Role)"") }
    Revoke = { $calls.Add(""Revoke $($_.Login) $($_.Role)"") }
    Connection = $c
}
$plan = Sync-OktaGroupRole @params -WhatIf
$callsAfterWhatIf = $calls.Count
$result = Sync-OktaGroupRole @params -Confirm:$false
[pscustomobject]@{ Plan = $plan; Result = $result; Calls = $calls.ToArray(); CallsAfterWhatIf = $callsAfterWhatIf }
";
        var vars = Vars(connection);
        vars["adminLogin"] = admin.Login;
        var output = ps.Invoke(Script, vars);

        Assert.Empty(output.AllErrors);
        var o = Assert.Single(output.Output);
        Assert.Equal(0, (int)o.Properties["CallsAfterWhatIf"].Value);
        var plan = ((object[])o.Properties["Plan"].Value).Select(x => (OktaRoleChange)((PSObject)x).BaseObject).ToList();
        var calls = ((string[])o.Properties["Calls"].Value).ToList();
        Assert.Equal(plan.Select(c => $"{c.ActionKind} {c.Login} {c.Role}"), calls);
        Assert.Contains("Revoke leaver@example.com Helpdesk", calls);
        Assert.DoesNotContain(calls, c => c.Contains("Billing")); // not a mapped role
        Assert.DoesNotContain($"Grant {admin.Login} Administrator", calls); // already held
        Assert.DoesNotContain(plan, c => c.ActionKind is RoleChangeAction.CreateUser or RoleChangeAction.RemoveUser); // no account script blocks given
    }

    [Fact]
    public async Task A_failing_change_is_reported_the_rest_applied_and_the_cmdlet_ends_with_a_terminating_error()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var ps = new PowerShellSession();
        var state = org.Emulator.Org;
        var victim = state.MembersOf(state.FindGroupByName("TL-Admins")!).First(u => u.Status == "ACTIVE");
        const string Script = @"
$granted = [System.Collections.Generic.List[string]]::new()
Sync-OktaGroupRole -Mapping @{ 'TL-Admins' = 'Administrator' } -Connection $c -Confirm:$false `
    -GetAssignment { } `
    -Grant { if ($_.Login -eq $victim) { Get-Command -Name 'downstream-api-503' } ; $granted.Add($_.Login) } `
    -Revoke { }
";
        var vars = Vars(connection);
        vars["victim"] = victim.Login;
        var result = ps.Invoke(Script, vars);

        var changes = Changes(result);
        var failed = Assert.Single(changes, c => c.OutcomeKind == RoleChangeOutcome.Failed);
        Assert.Equal(victim.Login, failed.Login);
        // A non-terminating error inside the script block fails the change ($ErrorActionPreference is Stop there).
        Assert.True(failed.Error!.Contains("downstream-api-503"), failed.Error);
        Assert.True(changes.Count(c => c.OutcomeKind == RoleChangeOutcome.Applied) >= 2);
        var error = Assert.Single(result.AllErrors);
        Assert.Equal("OktaRoleSyncChangesFailed,OktaIntegration.Commands.SyncOktaGroupRoleCommand", error.FullyQualifiedErrorId);
        Assert.Contains("1 of", error.Exception.Message);
    }

    [Fact]
    public async Task Guardrails_have_specific_error_ids_and_change_nothing()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var ps = new PowerShellSession();
        var vars = Vars(connection);

        var missing = ps.Invoke("Sync-OktaGroupRole -Mapping @{ 'TL-Admins' = 'A'; 'TL-Nope' = 'B' } -StatePath $path -Connection $c -Confirm:$false", vars);
        Assert.Equal("OktaGroupNotFound,OktaIntegration.Commands.SyncOktaGroupRoleCommand", Assert.Single(missing.AllErrors).FullyQualifiedErrorId);
        Assert.Contains("'TL-Nope'", missing.AllErrors[0].Exception.Message);

        var badMapping = ps.Invoke("Sync-OktaGroupRole -Mapping @{ 'TL-Admins' = @() } -StatePath $path -Connection $c", vars);
        Assert.Equal("OktaInvalidRoleMapping,OktaIntegration.Commands.SyncOktaGroupRoleCommand", Assert.Single(badMapping.AllErrors).FullyQualifiedErrorId);

        var badLimit = ps.Invoke("Sync-OktaGroupRole -Mapping @{ 'TL-Admins' = 'A' } -StatePath $path -MaxRevocation lots -Connection $c", vars);
        Assert.Equal("OktaInvalidArgument,OktaIntegration.Commands.SyncOktaGroupRoleCommand", Assert.Single(badLimit.AllErrors).FullyQualifiedErrorId);
        Assert.False(File.Exists(StorePath));

        File.WriteAllText(StorePath, "{ \"users\": [ { \"login\": \"a@example.com\", \"roles\": [\"Administrator\", \"Helpdesk\"] }, { \"login\": \"b@example.com\", \"roles\": [\"Administrator\"] } ] }");
        var before = File.ReadAllText(StorePath);
        var overLimit = ps.Invoke("Sync-OktaGroupRole -Mapping @{ 'Empty Group' = 'Administrator','Helpdesk' } -StatePath $path -MaxRevocation 2 -Connection $c -Confirm:$false", vars);
        var limitError = Assert.Single(overLimit.AllErrors);
        Assert.Equal("OktaRevocationLimitExceeded,OktaIntegration.Commands.SyncOktaGroupRoleCommand", limitError.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, limitError.CategoryInfo.Category);
        Assert.Equal(before, File.ReadAllText(StorePath));

        var excluded = ps.Invoke("Sync-OktaGroupRole -Mapping @{ 'Empty Group' = 'Administrator','Helpdesk' } -StatePath $path -MaxRevocation 2 -ExcludeUser 'a@*' -Connection $c -Confirm:$false", vars);
        Assert.Empty(excluded.AllErrors);
        Assert.Equal(new[] { "Revoke b@example.com Administrator", "RemoveUser b@example.com " }, Changes(excluded).Select(c => $"{c.ActionKind} {c.Login} {c.Role}"));

        File.WriteAllText(StorePath, "{ not json");
        var corrupt = ps.Invoke("Sync-OktaGroupRole -Mapping @{ 'TL-Admins' = 'A' } -StatePath $path -Connection $c -Confirm:$false", vars);
        Assert.Equal("OktaRoleStoreCorrupt,OktaIntegration.Commands.SyncOktaGroupRoleCommand", Assert.Single(corrupt.AllErrors).FullyQualifiedErrorId);

        File.WriteAllText(StorePath, "{ \"users\": [] }");
        using (JsonRoleStore.Open(StorePath))
        {
            var locked = ps.Invoke("Sync-OktaGroupRole -Mapping @{ 'TL-Admins' = 'A' } -StatePath $path -Connection $c -Confirm:$false", vars);
            var lockError = Assert.Single(locked.AllErrors);
            Assert.Equal("OktaRoleStoreLocked,OktaIntegration.Commands.SyncOktaGroupRoleCommand", lockError.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceBusy, lockError.CategoryInfo.Category);
        }
    }

    [Fact]
    public async Task A_failed_member_page_stops_the_sync_before_any_change()
    {
        await using var org = await TestOrg.StartAsync();
        var big = org.Emulator.Org.AddGeneratedGroup("TL-Big", 450);
        org.Emulator.GroupFaults.FailMemberPage(big.Id, pageIndex: 2);
        using var connection = await org.ConnectSswsAsync();
        using var ps = new PowerShellSession();

        var result = ps.Invoke("Sync-OktaGroupRole -Mapping @{ 'TL-Big' = 'Operator' } -StatePath $path -Connection $c -Confirm:$false", Vars(connection));

        Assert.Empty(result.Output);
        var error = Assert.Single(result.AllErrors);
        Assert.Equal("OktaServerError,OktaIntegration.Commands.SyncOktaGroupRoleCommand", error.FullyQualifiedErrorId);
        Assert.Contains("nothing was changed", error.ErrorDetails.Message);
        Assert.Equal("E0000009", Assert.IsType<OktaRequestException>(error.Exception).ErrorCode); // the public type scripts can catch
        Assert.False(File.Exists(StorePath));
    }

    [Fact]
    public async Task Exclusive_warns_and_mapping_files_work()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var ps = new PowerShellSession();
        var csv = Path.Combine(_folder, "map.csv");
        File.WriteAllText(csv, "Group,Role\nTL-Admins,Administrator\n");
        File.WriteAllText(StorePath, "{ \"users\": [ { \"login\": \"outsider@example.com\", \"roles\": [\"Billing\"] } ] }");
        var vars = Vars(connection);
        vars["csv"] = csv;

        var result = ps.Invoke("Sync-OktaGroupRole -Mapping $csv -StatePath $path -Exclusive -Connection $c -Confirm:$false", vars);

        Assert.Empty(result.AllErrors);
        Assert.Contains(result.Warnings, w => w.Contains("-Exclusive") && w.Contains("never mentions"));
        Assert.Contains(Changes(result), c => c is { ActionKind: RoleChangeAction.Revoke, Login: "outsider@example.com", Role: "Billing" });
    }

    [Fact]
    public async Task Without_Confirm_false_a_session_that_cannot_prompt_applies_grants_but_skips_revocations_and_fails_visibly()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var ps = new PowerShellSession();
        File.WriteAllText(StorePath, "{ \"users\": [ { \"login\": \"leaver@example.com\", \"roles\": [\"Administrator\"] } ] }");

        var result = ps.Invoke("Sync-OktaGroupRole -Mapping @{ 'TL-Admins' = 'Administrator' } -StatePath $path -Connection $c", Vars(connection));

        var changes = Changes(result);
        Assert.All(changes.Where(c => !c.IsHighImpact), c => Assert.Equal(RoleChangeOutcome.Applied, c.OutcomeKind));
        var revoke = Assert.Single(changes, c => c.ActionKind == RoleChangeAction.Revoke);
        Assert.Equal(RoleChangeOutcome.Skipped, revoke.OutcomeKind);
        Assert.Equal(RoleChangeOutcome.Skipped, Assert.Single(changes, c => c.ActionKind == RoleChangeAction.RemoveUser).OutcomeKind);
        Assert.Equal("OktaRoleSyncConfirmationRequired,OktaIntegration.Commands.SyncOktaGroupRoleCommand", Assert.Single(result.AllErrors).FullyQualifiedErrorId);
        Assert.Contains("leaver@example.com", File.ReadAllText(StorePath));
    }

    [Fact]
    public void Revocation_and_removal_are_high_impact_and_the_cmdlet_supports_should_process()
    {
        var cmdlet = (CmdletAttribute)Attribute.GetCustomAttribute(typeof(SyncOktaGroupRoleCommand), typeof(CmdletAttribute))!;
        Assert.True(cmdlet.SupportsShouldProcess);
        Assert.True(new OktaRoleChange(RoleChangeAction.Revoke, "a", null, "r", "x").IsHighImpact);
        Assert.True(new OktaRoleChange(RoleChangeAction.RemoveUser, "a", null, null, "x").IsHighImpact);
        Assert.False(new OktaRoleChange(RoleChangeAction.Grant, "a", null, "r", "x").IsHighImpact);
    }

    /// <summary>Every file in the folder with its size, last write time and content.</summary>
    private List<string> Snapshot() => Directory.GetFiles(_folder).OrderBy(f => f, StringComparer.Ordinal)
        .Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O} {Convert.ToBase64String(File.ReadAllBytes(f))}").ToList();

    private Dictionary<string, object?> Vars(Core.Connection.OktaConnection connection) => new() { ["c"] = connection, ["path"] = StorePath };

    private static List<OktaRoleChange> Changes(PowerShellResult result) => result.Output.Select(o => Assert.IsType<OktaRoleChange>(o.BaseObject)).ToList();

    private static string Key(OktaRoleChange c) => $"{c.ActionKind} {c.UserId} {c.Role}";

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
