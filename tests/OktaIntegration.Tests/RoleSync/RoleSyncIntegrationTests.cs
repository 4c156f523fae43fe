using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Groups;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.RoleSync;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.RoleSync;

/// <summary>The whole sync (read Okta, plan, apply into the JSON store) against the emulator.</summary>
public sealed class RoleSyncIntegrationTests : IDisposable
{
    private static readonly Hashtable Map = new() { ["TL-Admins"] = "Administrator", ["TL-Helpdesk"] = new[] { "Helpdesk", "Read Only" } };
    private readonly string _folder = Directory.CreateTempSubdirectory("okta-rolesync-").FullName;

    private string StorePath => Path.Combine(_folder, "roles.json");

    [Fact]
    public async Task First_run_grants_the_union_second_run_plans_nothing()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var first = await SyncAsync(connection, Map);

        var state = org.Emulator.Org;
        var admins = state.MembersOf(state.FindGroupByName("TL-Admins")!);
        var helpdesk = state.MembersOf(state.FindGroupByName("TL-Helpdesk")!);
        var entitled = admins.Concat(helpdesk).Where(u => u.Status is not ("SUSPENDED" or "DEPROVISIONED")).Select(u => u.Id).Distinct().ToList();
        Assert.All(first, c => Assert.Equal(RoleChangeOutcome.Applied, c.OutcomeKind));
        Assert.Equal(entitled.Count, first.Count(c => c.ActionKind == RoleChangeAction.CreateUser));
        var expectedGrants = admins.Count(u => entitled.Contains(u.Id)) + 2 * helpdesk.Count(u => entitled.Contains(u.Id));
        Assert.Equal(expectedGrants, first.Count(c => c.ActionKind == RoleChangeAction.Grant));

        using (var store = JsonRoleStore.Open(StorePath))
        {
            var both = admins.Intersect(helpdesk).First(u => entitled.Contains(u.Id));
            var holder = store.ReadAssignments().Single(h => h.UserId == both.Id);
            Assert.Equal(new[] { "Administrator", "Helpdesk", "Read Only" }, holder.Roles.Order());
            Assert.DoesNotContain(store.ReadAssignments(), h => admins.Concat(helpdesk).Any(u => u.Id == h.UserId && u.Status is "SUSPENDED" or "DEPROVISIONED"));
        }

        Assert.Empty(await SyncAsync(connection, Map));
    }

    [Fact]
    public async Task A_user_moved_out_of_a_group_between_runs_loses_exactly_that_groups_roles()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        await SyncAsync(connection, Map);

        var state = org.Emulator.Org;
        var helpdeskGroup = state.FindGroupByName("TL-Helpdesk")!;
        var mover = state.MembersOf(helpdeskGroup).First(u => u.Status == "ACTIVE" && !state.MembersOf(state.FindGroupByName("TL-Admins")!).Contains(u));
        state.RemoveMember(helpdeskGroup, mover);
        var admin = state.MembersOf(state.FindGroupByName("TL-Admins")!).First(u => u.Status == "ACTIVE" && !state.MembersOf(helpdeskGroup).Contains(u));
        admin.Status = "SUSPENDED";

        var second = await SyncAsync(connection, Map);

        Assert.Equal(
            new[]
            {
                $"Revoke {admin.Login} Administrator SUSPENDED in Okta",
                $"Revoke {mover.Login} Helpdesk no longer in any mapped group",
                $"Revoke {mover.Login} Read Only no longer in any mapped group",
            }.Order(),
            second.Where(c => c.ActionKind == RoleChangeAction.Revoke).Select(c => $"{c.ActionKind} {c.Login} {c.Role} {c.Reason}").Order());
        Assert.Contains(second, c => c.ActionKind == RoleChangeAction.RemoveUser && c.UserId == mover.Id);
        Assert.All(second, c => Assert.Equal(RoleChangeOutcome.Applied, c.OutcomeKind));
        using (var store = JsonRoleStore.Open(StorePath))
            Assert.DoesNotContain(store.ReadAssignments(), h => h.UserId == mover.Id);
        Assert.Empty(await SyncAsync(connection, Map));
    }

    [Fact]
    public async Task A_member_page_that_fails_mid_read_changes_nothing()
    {
        await using var org = await TestOrg.StartAsync();
        var big = org.Emulator.Org.AddGeneratedGroup("TL-Big", 450);
        using var connection = await org.ConnectSswsAsync();
        var map = new Hashtable { ["TL-Admins"] = "Administrator", ["TL-Big"] = "Operator" };
        await SyncAsync(connection, map);
        var before = File.ReadAllText(StorePath);

        // Everyone leaves TL-Admins; the second member page of TL-Big keeps failing.
        var state = org.Emulator.Org;
        var admins = state.FindGroupByName("TL-Admins")!;
        foreach (var u in state.MembersOf(admins)) state.RemoveMember(admins, u);
        org.Emulator.GroupFaults.FailMemberPage(big.Id, pageIndex: 1);

        await Assert.ThrowsAsync<OktaApiException>(() => SyncAsync(connection, map));
        Assert.Equal(before, File.ReadAllText(StorePath));
        Assert.False(File.Exists(StorePath + ".previous"));
        using var store = JsonRoleStore.Open(StorePath); // the lock was released
    }

    [Fact]
    public async Task A_mapped_group_that_does_not_exist_is_an_error_naming_it()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var map = new Hashtable { ["TL-Admins"] = "Administrator", ["TL-Typo"] = "X", ["00gnosuchgroup0000000"] = "Y" };
        var ex = await Assert.ThrowsAsync<OktaGroupNotFoundException>(() => SyncAsync(connection, map));
        Assert.Contains("'TL-Typo'", ex.Message);
        Assert.Contains("'00gnosuchgroup0000000'", ex.Message);
        Assert.False(File.Exists(StorePath));
    }

    [Fact]
    public async Task Groups_can_be_mapped_by_id()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var admins = org.Emulator.Org.FindGroupByName("TL-Admins")!;
        var results = await SyncAsync(connection, new Hashtable { [admins.Id] = "Administrator" });
        Assert.Contains(results, c => c.ActionKind == RoleChangeAction.Grant && c.Reason == "member of TL-Admins");
    }

    [Fact]
    public async Task A_plan_over_the_revocation_limit_changes_nothing_unless_forced()
    {
        await using var org = await TestOrg.StartAsync();
        var big = org.Emulator.Org.AddGeneratedGroup("TL-Big", 100);
        using var connection = await org.ConnectSswsAsync();
        var map = new Hashtable { ["TL-Big"] = "Operator" };
        await SyncAsync(connection, map);
        var before = File.ReadAllText(StorePath);
        var state = org.Emulator.Org;
        foreach (var u in state.MembersOf(big).Take(20)) state.RemoveMember(big, u);

        var ex = await Assert.ThrowsAsync<RevocationLimitExceededException>(() => SyncAsync(connection, map));
        Assert.Equal((20, 10), (ex.Plan.Revocations, ex.Plan.AllowedRevocations));
        Assert.Equal(before, File.ReadAllText(StorePath));

        var forced = await SyncAsync(connection, map, force: true);
        Assert.Equal(20, forced.Count(c => c.ActionKind == RoleChangeAction.Revoke && c.OutcomeKind == RoleChangeOutcome.Applied));
    }

    private async Task<IReadOnlyList<OktaRoleChange>> SyncAsync(OktaConnection connection, Hashtable map, bool force = false)
    {
        var sync = new RoleSynchronizer(connection.Transport, RoleMappingParser.FromDictionary(map), new RoleSyncOptions());
        var groups = await sync.ReadOktaAsync(null, CancellationToken.None);
        using var store = JsonRoleStore.Open(StorePath);
        var plan = sync.Plan(groups, store);
        return RoleSynchronizer.Apply(plan, store, force, _ => ChangeApproval.Apply);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
