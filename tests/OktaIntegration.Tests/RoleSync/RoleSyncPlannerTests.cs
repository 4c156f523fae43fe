using System;
using System.Collections.Generic;
using System.Linq;
using OktaIntegration.Core.Groups;
using OktaIntegration.Core.RoleSync;
using OktaIntegration.Core.Users;
using Xunit;

namespace OktaIntegration.Tests.RoleSync;

/// <summary>The planner as pure logic: no HTTP, no files.</summary>
public class RoleSyncPlannerTests
{
    private static readonly OktaUser Ada = User("00u000000000000000a1", "ada@example.com");
    private static readonly OktaUser Bob = User("00u000000000000000b2", "bob@example.com");
    private static readonly OktaUser Cy = User("00u000000000000000c3", "cy@example.com", "SUSPENDED");
    private static readonly OktaUser Dee = User("00u000000000000000d4", "dee@example.com", "DEPROVISIONED");

    [Fact]
    public void A_member_of_several_mapped_groups_gets_the_union_of_their_roles_with_reasons()
    {
        var groups = new[]
        {
            Group("TL-Admins", new[] { "Administrator" }, Ada),
            Group("TL-Helpdesk", new[] { "Helpdesk", "Read Only" }, Ada, Bob),
        };
        var plan = Plan(groups, new RoleHolder[0], canCreate: false);

        Assert.Equal(new[] { "ada@example.com:Administrator", "ada@example.com:Helpdesk", "ada@example.com:Read Only", "bob@example.com:Helpdesk", "bob@example.com:Read Only" },
            plan.Changes.Select(c => $"{c.Login}:{c.Role}"));
        Assert.All(plan.Changes, c => Assert.Equal(RoleChangeAction.Grant, c.ActionKind));
        Assert.Equal("member of TL-Admins", plan.Changes[0].Reason);
        Assert.Equal("member of TL-Helpdesk", plan.Changes[1].Reason);
        Assert.Equal(Ada.Id, plan.Changes[0].UserId);
    }

    [Fact]
    public void A_role_granted_by_two_groups_is_one_grant_naming_both()
    {
        var groups = new[] { Group("G1", new[] { "Reader" }, Ada), Group("G2", new[] { "reader" }, Ada) };
        var change = Assert.Single(Plan(groups, new RoleHolder[0], canCreate: false).Changes);
        Assert.Equal("member of G1, G2", change.Reason);
    }

    [Fact]
    public void Suspended_and_deprovisioned_members_get_no_roles_and_lose_the_ones_they_had()
    {
        var groups = new[] { Group("TL-Admins", new[] { "Administrator" }, Ada, Cy, Dee) };
        var current = new[] { Holder("cy@example.com", Cy.Id, "Administrator"), Holder("dee@example.com", null, "Administrator", "Billing") };
        var plan = Plan(groups, current, canCreate: false);

        Assert.Contains(plan.Changes, c => c is { ActionKind: RoleChangeAction.Grant, Login: "ada@example.com" });
        var cy = Assert.Single(plan.Changes, c => c.Login == "cy@example.com");
        Assert.Equal((RoleChangeAction.Revoke, "Administrator", "SUSPENDED in Okta"), (cy.ActionKind, cy.Role, cy.Reason));
        // Billing is not a mapped role, so without -Exclusive it stays.
        var dee = Assert.Single(plan.Changes, c => c.Login == "dee@example.com");
        Assert.Equal((RoleChangeAction.Revoke, "Administrator", "DEPROVISIONED in Okta"), (dee.ActionKind, dee.Role, dee.Reason));
        Assert.Equal(Dee.Id, dee.UserId);
    }

    [Theory]
    [InlineData("ACTIVE", true)]
    [InlineData("LOCKED_OUT", true)]
    [InlineData("PASSWORD_EXPIRED", true)]
    [InlineData("RECOVERY", true)]
    [InlineData("STAGED", true)]
    [InlineData("PROVISIONED", true)]
    [InlineData("SUSPENDED", false)]
    [InlineData("DEPROVISIONED", false)]
    [InlineData("SOMETHING_NEW", false)]
    public void Status_rules(string status, bool getsRoles)
    {
        var groups = new[] { Group("G", new[] { "R" }, User("00u0000000000000000x", "x@example.com", status)) };
        Assert.Equal(getsRoles, Plan(groups, new RoleHolder[0], canCreate: false).Changes.Any(c => c.ActionKind == RoleChangeAction.Grant));
    }

    [Fact]
    public void By_default_only_mapped_roles_are_managed()
    {
        var groups = new[] { Group("TL-Admins", new[] { "Administrator" }, Ada) };
        var current = new[]
        {
            Holder("ada@example.com", Ada.Id, "Administrator", "Billing"),
            Holder("left@example.com", null, "Administrator", "Billing"),
            Holder("other@example.com", null, "Billing"),
        };
        var plan = Plan(groups, current, canCreate: true, canRemove: true);

        var change = Assert.Single(plan.Changes);
        Assert.Equal((RoleChangeAction.Revoke, "left@example.com", "Administrator", "no longer in any mapped group"), (change.ActionKind, change.Login, change.Role, change.Reason));
    }

    [Fact]
    public void Exclusive_revokes_every_role_of_users_in_no_mapped_group_and_removes_them()
    {
        var groups = new[] { Group("TL-Admins", new[] { "Administrator" }, Ada) };
        var current = new[]
        {
            Holder("ada@example.com", Ada.Id, "Administrator", "Billing"),
            Holder("left@example.com", null, "Administrator", "Billing"),
        };
        var plan = Plan(groups, current, canCreate: true, canRemove: true, exclusive: true);

        Assert.Equal(new[] { "Revoke left@example.com Administrator", "Revoke left@example.com Billing", "RemoveUser left@example.com " },
            plan.Changes.Select(c => $"{c.ActionKind} {c.Login} {c.Role}"));
        // Ada is in a mapped group: her unmapped role stays even with -Exclusive.
        Assert.DoesNotContain(plan.Changes, c => c.Login == "ada@example.com");
    }

    [Fact]
    public void A_leaver_whose_last_role_is_revoked_is_removed_when_the_target_manages_accounts()
    {
        var groups = new[] { Group("TL-Admins", new[] { "Administrator" }, Ada) };
        var current = new[] { Holder("ada@example.com", Ada.Id, "Administrator"), Holder("bob@example.com", Bob.Id, "Administrator") };

        var withAccounts = Plan(groups, current, canCreate: true, canRemove: true);
        Assert.Equal(new[] { RoleChangeAction.Revoke, RoleChangeAction.RemoveUser }, withAccounts.Changes.Select(c => c.ActionKind));

        var withoutAccounts = Plan(groups, current, canCreate: false, canRemove: false);
        Assert.Equal(RoleChangeAction.Revoke, Assert.Single(withoutAccounts.Changes).ActionKind);
    }

    [Fact]
    public void New_users_are_created_before_their_grants_when_the_target_manages_accounts()
    {
        var plan = Plan(new[] { Group("TL-Admins", new[] { "Administrator" }, Ada) }, new RoleHolder[0], canCreate: true);
        Assert.Equal(new[] { RoleChangeAction.CreateUser, RoleChangeAction.Grant }, plan.Changes.Select(c => c.ActionKind));
        Assert.Equal("member of TL-Admins", plan.Changes[0].Reason);
    }

    [Fact]
    public void Target_users_are_matched_by_okta_id_then_by_login_ignoring_case()
    {
        var groups = new[] { Group("TL-Admins", new[] { "Administrator" }, Ada, Bob) };
        var current = new[] { Holder("renamed@example.com", Ada.Id, "Administrator"), Holder("BOB@EXAMPLE.COM", null, "administrator") };
        Assert.True(Plan(groups, current, canCreate: true, canRemove: true).IsEmpty);
    }

    [Fact]
    public void Excluded_users_are_never_touched()
    {
        var groups = new[] { Group("TL-Admins", new[] { "Administrator" }, Ada, Cy) };
        var current = new[]
        {
            Holder("cy@example.com", Cy.Id, "Administrator"),
            Holder("breakglass@example.com", null, "Administrator", "Billing"),
        };
        var plan = Plan(groups, current, canCreate: true, canRemove: true, exclusive: true, exclude: new[] { "breakglass*", Cy.Id, "ada@EXAMPLE.com" });

        Assert.True(plan.IsEmpty);
        Assert.Equal(new[] { "ada@example.com", "cy@example.com", "breakglass@example.com" }, plan.ExcludedUsersSeen);
        Assert.Equal(0, plan.CurrentAssignments);
    }

    [Fact]
    public void Revocation_limit_counts_and_percentages()
    {
        var groups = new[] { Group("TL-Admins", new[] { "Administrator" }, Ada) };
        var current = Enumerable.Range(0, 40).Select(i => Holder($"u{i}@example.com", null, "Administrator")).ToArray();

        var byDefault = Plan(groups, current, canCreate: false);
        Assert.Equal(40, byDefault.Revocations);
        Assert.Equal(5, byDefault.AllowedRevocations); // 10% of 40 is 4; the floor is 5
        Assert.True(byDefault.ExceedsRevocationLimit);

        Assert.False(Plan(groups, current, canCreate: false, limit: "40").ExceedsRevocationLimit);
        Assert.True(Plan(groups, current, canCreate: false, limit: "39").ExceedsRevocationLimit);
        Assert.False(Plan(groups, current, canCreate: false, limit: "100%").ExceedsRevocationLimit);
        Assert.Equal(20, Plan(groups, current, canCreate: false, limit: "50%").AllowedRevocations);

        var small = Plan(groups, current.Take(3).ToArray(), canCreate: false);
        Assert.False(small.ExceedsRevocationLimit); // 3 revocations, within the floor of 5
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("101%")]
    [InlineData("")]
    public void Bad_revocation_limits_are_rejected_with_an_example(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => RevocationLimit.Parse(text));
        Assert.Contains("10%", ex.Message);
    }

    [Fact]
    public void Applying_a_plan_and_planning_again_plans_nothing()
    {
        var groups = new[]
        {
            Group("TL-Admins", new[] { "Administrator" }, Ada, Cy),
            Group("TL-Helpdesk", new[] { "Helpdesk", "Read Only" }, Bob, Dee),
        };
        var current = new List<RoleHolder>
        {
            Holder("cy@example.com", Cy.Id, "Administrator", "Billing"),
            Holder("dee@example.com", Dee.Id, "Helpdesk"),
            Holder("gone@example.com", null, "Read Only"),
            Holder("bob@example.com", Bob.Id, "Administrator"),
        };
        foreach (var (exclusive, create, remove) in new[] { (false, false, false), (true, true, true), (false, true, true), (true, false, false) })
        {
            var first = Plan(groups, current, create, remove, exclusive);
            Assert.False(first.IsEmpty);
            var after = ApplyInMemory(current, first.Changes);
            var second = Plan(groups, after, create, remove, exclusive);
            Assert.True(second.IsEmpty, $"exclusive={exclusive} create={create} remove={remove}: {string.Join("; ", second.Changes)}");
        }
    }

    private static List<RoleHolder> ApplyInMemory(IEnumerable<RoleHolder> current, IEnumerable<OktaRoleChange> changes)
    {
        var users = current.Select(h => (h.Login, h.UserId, Roles: h.Roles.ToList())).ToList();
        foreach (var c in changes)
        {
            var index = users.FindIndex(u => (c.UserId != null && u.UserId == c.UserId) || string.Equals(u.Login, c.Login, StringComparison.OrdinalIgnoreCase));
            switch (c.ActionKind)
            {
                case RoleChangeAction.CreateUser:
                    users.Add((c.Login, c.UserId, new List<string>()));
                    break;
                case RoleChangeAction.Grant when index < 0:
                    users.Add((c.Login, c.UserId, new List<string> { c.Role! }));
                    break;
                case RoleChangeAction.Grant:
                    users[index].Roles.Add(c.Role!);
                    break;
                case RoleChangeAction.Revoke:
                    users[index].Roles.RemoveAll(r => string.Equals(r, c.Role, StringComparison.OrdinalIgnoreCase));
                    break;
                case RoleChangeAction.RemoveUser:
                    users.RemoveAt(index);
                    break;
            }
        }
        return users.Select(u => new RoleHolder(u.Login, u.UserId, u.Roles)).ToList();
    }

    private static SyncPlan Plan(IReadOnlyList<MappedGroup> groups, IReadOnlyList<RoleHolder> current, bool canCreate, bool canRemove = false,
        bool exclusive = false, string[]? exclude = null, string? limit = null) =>
        RoleSyncPlanner.Plan(groups, current, new RoleSyncOptions
        {
            Exclusive = exclusive,
            ExcludeUsers = exclude ?? Array.Empty<string>(),
            MaxRevocation = limit == null ? RevocationLimit.Default : RevocationLimit.Parse(limit),
        }, canCreate, canRemove);

    internal static OktaUser User(string id, string login, string status = "ACTIVE") =>
        new(id, login, login, "First", "Last", status, null, DateTimeOffset.UtcNow, null, null, null, null, null);

    private static MappedGroup Group(string name, string[] roles, params OktaUser[] members) =>
        new("00g" + name.GetHashCode().ToString("x8").PadRight(17, '0').Substring(0, 17), name, roles, members);

    private static RoleHolder Holder(string login, string? id, params string[] roles) => new(login, id, roles);
}
