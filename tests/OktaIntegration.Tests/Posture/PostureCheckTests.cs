using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Posture;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Emulator.Posture;
using OktaIntegration.Emulator.SystemLog;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Posture;

/// <summary>
/// Each posture check against the emulator over HTTP, on the seeded scenario (see PostureSeed):
/// the users it must flag, the ones it must not, and the edge cases between.
/// </summary>
public class PostureCheckTests
{
    private static async Task<(TestOrg Org, IReadOnlyList<OktaPostureFinding> Findings, PostureAuditor Auditor)> AuditAsync(
        Action<PostureOptions>? configure = null, Action<OrgState>? arrange = null)
    {
        var org = await TestOrg.StartAsync(o => o.EventCount = 0);
        arrange?.Invoke(org.Emulator.Org);
        using var connection = await org.ConnectSswsAsync();
        var options = new PostureOptions();
        configure?.Invoke(options);
        var auditor = new PostureAuditor(connection.Transport, options);
        var findings = await auditor.RunAsync(CancellationToken.None);
        return (org, findings, auditor);
    }

    private static string Id(TestOrg org, int position) => org.Emulator.Org.Users[position].Id;

    private static IReadOnlyList<string> Flagged(IEnumerable<OktaPostureFinding> findings, string check) =>
        findings.Where(f => f.Check == check).Select(f => f.SubjectId!).ToList();

    [Fact]
    public async Task Admin_without_a_phishing_resistant_factor_is_flagged_critical_for_super_admins_and_pending_factors_do_not_count()
    {
        var (org, findings, _) = await AuditAsync(o => o.Checks = new[] { "AdminWithoutPhishingResistantFactor" });
        await using var _ = org;
        var flagged = Flagged(findings, "AdminWithoutPhishingResistantFactor");

        Assert.Equal(new[] { 1, 2, 4, 7, 9, 19 }.Select(i => Id(org, i)).OrderBy(x => x), flagged.OrderBy(x => x));
        Assert.DoesNotContain(Id(org, 0), flagged);  // WebAuthn
        Assert.DoesNotContain(Id(org, 3), flagged);  // FastPass
        Assert.DoesNotContain(Id(org, 5), flagged);  // WebAuthn, super admin through a group
        Assert.DoesNotContain(Id(org, 6), flagged);  // suspended: cannot sign in
        Assert.Equal(PostureSeverity.Critical, findings.Single(f => f.SubjectId == Id(org, 1)).Severity);
        Assert.Equal(PostureSeverity.Critical, findings.Single(f => f.SubjectId == Id(org, 7)).Severity);   // through the group
        Assert.Equal(PostureSeverity.High, findings.Single(f => f.SubjectId == Id(org, 2)).Severity);
        Assert.Contains("not activated (webauthn)", findings.Single(f => f.SubjectId == Id(org, 9)).Detail);
        Assert.All(findings, f => Assert.Equal(f.SubjectId, f.UserId));
    }

    [Fact]
    public async Task Admin_with_only_weak_factors_is_flagged_and_one_with_push_or_no_factor_is_not()
    {
        var (org, findings, _) = await AuditAsync(o => o.Checks = new[] { "AdminWeakFactorsOnly" });
        await using var _ = org;
        var flagged = Flagged(findings, "AdminWeakFactorsOnly");

        Assert.Equal(new[] { 1, 4, 7, 9 }.Select(i => Id(org, i)).OrderBy(x => x), flagged.OrderBy(x => x));
        Assert.DoesNotContain(Id(org, 2), flagged);   // push + TOTP
        Assert.DoesNotContain(Id(org, 19), flagged);  // no factor at all: UserWithoutMfa's finding
        Assert.Contains("sms, email", findings.Single(f => f.SubjectId == Id(org, 4)).Detail);
    }

    [Fact]
    public async Task Too_many_super_admins_counts_group_members_and_respects_the_maximum()
    {
        var (org, findings, _) = await AuditAsync(o => o.Checks = new[] { "TooManySuperAdmins" });
        await using var _ = org;
        var finding = Assert.Single(findings);
        Assert.Equal("TooManySuperAdmins", finding.Check);
        Assert.StartsWith("5 super admins can sign in (the maximum is 4)", finding.Detail);
        Assert.Contains($"(via {PostureSeed.SuperAdminGroupName})", finding.Detail);
        Assert.Null(finding.UserId);

        var (org2, atFive, _) = await AuditAsync(o => { o.Checks = new[] { "TooManySuperAdmins" }; o.MaxSuperAdmins = 5; });
        await using var __ = org2;
        Assert.Empty(atFive);
    }

    [Fact]
    public async Task Dormant_users_are_active_users_without_a_sign_in_for_90_days_or_never_signed_in_after_activation()
    {
        var (org, findings, _) = await AuditAsync(o => o.Checks = new[] { "DormantUser" });
        await using var _ = org;
        var flagged = Flagged(findings, "DormantUser");

        Assert.Equal(new[] { 11, 15 }.Select(i => Id(org, i)).OrderBy(x => x), flagged.OrderBy(x => x));
        Assert.DoesNotContain(Id(org, 13), flagged);  // 89 days
        Assert.DoesNotContain(Id(org, 17), flagged);  // never signed in, activated 10 days ago
        Assert.Contains("No sign-in for 120 days", findings.Single(f => f.SubjectId == Id(org, 11)).Detail);
        Assert.Contains("Never signed in; activated 200 days ago", findings.Single(f => f.SubjectId == Id(org, 15)).Detail);

        var (org2, at30, _) = await AuditAsync(o => { o.Checks = new[] { "DormantUser" }; o.DormantDays = 30; }, state =>
            state.Users[13].LastLogin = DateTimeOffset.UtcNow.AddDays(-31));
        await using var __ = org2;
        Assert.Contains(Id(org2, 13), Flagged(at30, "DormantUser"));
        Assert.DoesNotContain(Id(org2, 17), Flagged(at30, "DormantUser")); // activated 10 days ago
    }

    [Fact]
    public async Task Users_without_mfa_are_admins_by_default_and_everyone_with_AllUsers()
    {
        var (org, byDefault, auditor) = await AuditAsync(o => o.Checks = new[] { "UserWithoutMfa" });
        await using var _ = org;
        Assert.Equal(new[] { Id(org, 19) }, Flagged(byDefault, "UserWithoutMfa"));
        Assert.Equal(PostureSeverity.High, byDefault.Single().Severity);

        var (org2, all, allAuditor) = await AuditAsync(o => { o.Checks = new[] { "UserWithoutMfa" }; o.AllUsers = true; });
        await using var __ = org2;
        var flagged = Flagged(all, "UserWithoutMfa");
        Assert.Contains(Id(org2, 11), flagged);
        Assert.Contains(Id(org2, 19), flagged);
        Assert.DoesNotContain(Id(org2, 0), flagged);
        Assert.Equal(PostureSeverity.Medium, all.Single(f => f.SubjectId == Id(org2, 11)).Severity);
        var active = org2.Emulator.Org.Users.Count(u => u.Status == "ACTIVE");
        Assert.True(allAuditor.FactorCalls >= active, $"{allAuditor.FactorCalls} factor calls for {active} active users");
        Assert.True(auditor.FactorCalls < allAuditor.FactorCalls);
    }

    [Fact]
    public async Task Api_tokens_are_flagged_for_any_network_inactive_owner_super_admin_owner_and_staleness()
    {
        var (org, findings, _) = await AuditAsync(o => o.Checks = new[] { "ApiTokenRisk" });
        await using var _ = org;
        IReadOnlyList<string> Named(string check) => findings.Where(f => f.Check == check).Select(f => f.Subject).OrderBy(x => x).ToList();

        Assert.Equal(new[] { "Legacy sync", "Zone excludes only" }, Named("ApiTokenAnyNetwork"));
        Assert.Equal(new[] { "Departed contractor", "Old script" }, Named("ApiTokenInactiveOwner"));
        Assert.Equal(new[] { "Backup job", "Legacy sync" }, Named("ApiTokenSuperAdminOwner"));
        Assert.Equal(new[] { "Backup job" }, Named("ApiTokenStale"));
        Assert.DoesNotContain(findings, f => f.Subject == "SIEM export");
        Assert.All(findings, f => Assert.Null(f.UserId));
        Assert.Contains("100 days", findings.Single(f => f.Check == "ApiTokenStale").Detail);
    }

    [Fact]
    public async Task ThreatInsight_none_is_flagged_audit_only_after_recent_threats_and_block_never()
    {
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 0);
        using var connection = await org.ConnectSswsAsync();
        async Task<IReadOnlyList<OktaPostureFinding>> Run() =>
            await new PostureAuditor(connection.Transport, new PostureOptions { Checks = new[] { "ThreatInsightNotBlocking" } }).RunAsync(CancellationToken.None);

        Assert.Empty(await Run());   // Audit, no threats logged

        var store = (LogEventStore)org.Emulator.Services.GetService(typeof(LogEventStore))!;
        store.Append("security.threat.detected", DateTimeOffset.UtcNow.AddDays(-2));
        var audit = Assert.Single(await Run());
        Assert.Equal(PostureSeverity.Medium, audit.Severity);

        org.Emulator.Org.Posture.ThreatInsight.Action = "none";
        Assert.Equal(PostureSeverity.High, Assert.Single(await Run()).Severity);

        org.Emulator.Org.Posture.ThreatInsight.Action = "block";
        Assert.Empty(await Run());
    }

    [Fact]
    public async Task Admin_group_filled_by_an_active_profile_rule_is_a_warning_and_inactive_rules_or_role_less_groups_are_not()
    {
        var (org, findings, _) = await AuditAsync(o => o.Checks = new[] { "AdminGroupOpenMembership" });
        await using var _ = org;
        var finding = Assert.Single(findings);
        Assert.Equal(PostureSeed.RuleFedAdminGroupName, finding.Subject);
        Assert.Equal(PostureSeverity.Warning, finding.Severity);
        Assert.Contains("USER_ADMIN", finding.Detail);
        Assert.Contains("user.department==\"IT\"", finding.Detail);
        Assert.DoesNotContain(findings, f => f.Subject is PostureSeed.SuperAdminGroupName or "Engineering");
    }

    [Fact]
    public async Task A_cached_rerun_reads_factors_only_for_users_changed_since()
    {
        var path = Path.Combine(Path.GetTempPath(), "posture-cache-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            await using var org = await TestOrg.StartAsync(o => o.EventCount = 0);
            using var connection = await org.ConnectSswsAsync();
            PostureAuditor Auditor() => new(connection.Transport, new PostureOptions { Checks = new[] { "UserWithoutMfa" }, AllUsers = true, CachePath = path });

            var first = Auditor();
            var firstFindings = await first.RunAsync(CancellationToken.None);
            var second = Auditor();
            var secondFindings = await second.RunAsync(CancellationToken.None);
            org.Emulator.Org.Users[11].LastUpdated = DateTimeOffset.UtcNow;
            org.Emulator.Org.Posture.AddFactor(org.Emulator.Org.Users[11].Id, "push", "OKTA");
            var third = Auditor();
            var thirdFindings = await third.RunAsync(CancellationToken.None);

            Assert.True(first.FactorCalls > 10);
            Assert.Equal(firstFindings.Select(f => f.SubjectId), secondFindings.Select(f => f.SubjectId));
            Assert.Equal(0, second.FactorCalls);
            Assert.Equal(first.FactorCalls, second.CacheHits);
            Assert.Equal(1, third.FactorCalls);
            Assert.DoesNotContain(Id(org, 11), Flagged(thirdFindings, "UserWithoutMfa"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
