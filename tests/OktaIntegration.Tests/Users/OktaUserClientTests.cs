using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Users;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Users;

public class OktaUserClientTests
{
    [Fact]
    public async Task Finds_a_user_by_id_by_login_and_by_a_login_that_needs_encoding()
    {
        await using var org = await TestOrg.StartAsync();
        var target = ResponseTestData.Active(org);
        var plus = org.Emulator.Org.AddUser("o'brien+soc test@example.com", "Pat", "O'Brien", "ACTIVE", DateTimeOffset.UtcNow);
        using var connection = await org.ConnectSswsAsync();
        var users = new OktaUserClient(connection);

        var byId = await users.GetAsync(target.Id, CancellationToken.None);
        var byLogin = await users.GetAsync(target.Login.ToUpperInvariant(), CancellationToken.None);
        var encoded = await users.GetAsync(plus.Login, CancellationToken.None);

        Assert.Equal(target.Login, byId.Login);
        Assert.Equal("ACTIVE", byId.Status);
        Assert.Equal(target.Id, byLogin.Id);
        Assert.Equal(plus.Id, encoded.Id);
        Assert.Contains(org.Emulator.Requests.ForPath("/api/v1/users/"), r => r.Path.Contains("%2B") || r.Path.Contains('+'));
    }

    [Fact]
    public async Task Unknown_user_is_a_not_found_error_that_names_them()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var users = new OktaUserClient(connection);

        var error = await Assert.ThrowsAsync<OktaUserNotFoundException>(() => users.GetAsync("nobody@example.com", CancellationToken.None));

        Assert.Equal("nobody@example.com", error.IdOrLogin);
        Assert.Contains("nobody@example.com", error.Message);
        var api = Assert.IsType<OktaIntegration.Core.Http.OktaApiException>(error.InnerException);
        Assert.Equal("E0000007", api.ErrorCode);
    }

    [Fact]
    public async Task Login_with_a_slash_is_refused_before_calling_with_advice_to_use_the_id()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        org.Emulator.Requests.Clear();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new OktaUserClient(connection).GetAsync("corp/jane", CancellationToken.None));

        Assert.Contains("id", error.Message);
        Assert.Empty(org.Emulator.Requests.ForPath("/api/v1/users"));
    }

    [Theory]
    [InlineData("idx", false, false)]
    [InlineData("idx", true, false)]
    [InlineData("v1", false, true)]
    [InlineData("v1", true, true)]
    public async Task Revoking_sends_both_flags_explicitly_whatever_the_engine_default(string pipeline, bool oauthTokens, bool forgetDevices)
    {
        await using var org = await TestOrg.StartAsync(o => o.Pipeline = pipeline);
        var target = ResponseTestData.Active(org);
        target.ActiveSessions = 2;
        target.OAuthTokens = 3;
        target.RememberedDevices = 1;
        using var connection = await org.ConnectSswsAsync();

        var user = await new OktaUserClient(connection).GetAsync(target.Login, CancellationToken.None);
        var result = await new OktaUserClient(connection).RevokeSessionsAsync(user, oauthTokens, forgetDevices, CancellationToken.None);

        Assert.Equal(target.Id, result.UserId);
        Assert.Equal(target.Login, result.Login);
        Assert.Equal(oauthTokens, result.OAuthTokensRevoked);
        Assert.Equal(forgetDevices, result.DevicesForgotten);
        var record = Assert.Single(org.Emulator.ResponseActions.SessionRevocations);
        Assert.Equal(target.Id, record.UserId);
        Assert.Equal(forgetDevices, record.ForgetDevices);
        Assert.Equal(oauthTokens, record.OAuthTokens);
        Assert.Equal(0, target.ActiveSessions);
        Assert.Equal(oauthTokens ? 0 : 3, target.OAuthTokens);
        Assert.Equal(forgetDevices ? 0 : 1, target.RememberedDevices);
        var delete = Assert.Single(org.Emulator.Requests.All, r => r.Method == "DELETE");
        Assert.Contains($"oauthTokens={(oauthTokens ? "true" : "false")}", delete.Query);
        Assert.Contains($"forgetDevices={(forgetDevices ? "true" : "false")}", delete.Query);
        var logEvent = Assert.Single(org.Emulator.ResponseActions.EventsOfType("user.session.clear"));
        Assert.Equal(target.Id, Assert.Single(logEvent.Targets).Id);
    }

    [Fact]
    public async Task Suspend_then_resume_changes_status_and_emits_lifecycle_events()
    {
        await using var org = await TestOrg.StartAsync();
        var target = ResponseTestData.Active(org);
        using var connection = await org.ConnectSswsAsync();
        var users = new OktaUserClient(connection);

        var suspended = await users.ChangeLifecycleAsync(target.Login, UserLifecycleOperation.Suspend, readBack: true, CancellationToken.None);
        Assert.True(suspended.Changed);
        Assert.Equal("SUSPENDED", suspended.After!.Status);
        Assert.Equal("SUSPENDED", target.Status);

        var resumed = await users.ChangeLifecycleAsync(target.Id, UserLifecycleOperation.Unsuspend, readBack: false, CancellationToken.None);
        Assert.True(resumed.Changed);
        Assert.Null(resumed.After);
        Assert.Equal("ACTIVE", target.Status);

        var changes = org.Emulator.ResponseActions.LifecycleChanges;
        Assert.Equal(new[] { "suspend", "unsuspend" }, changes.Select(c => c.Operation));
        Assert.Equal(new[] { "user.lifecycle.suspend", "user.lifecycle.unsuspend" }, org.Emulator.ResponseActions.Events.Select(e => e.EventType));
    }

    [Fact]
    public async Task Suspending_a_suspended_user_changes_nothing_and_says_why()
    {
        await using var org = await TestOrg.StartAsync();
        var target = ResponseTestData.WithStatus(org, "SUSPENDED");
        using var connection = await org.ConnectSswsAsync();

        var result = await new OktaUserClient(connection).ChangeLifecycleAsync(target.Id, UserLifecycleOperation.Suspend, readBack: false, CancellationToken.None);

        Assert.False(result.Changed);
        Assert.Contains("already SUSPENDED", result.Reason);
        Assert.Empty(org.Emulator.Requests.ForPath($"/api/v1/users/{target.Id}/lifecycle"));
        Assert.Empty(org.Emulator.ResponseActions.LifecycleChanges);
    }

    [Theory]
    [InlineData("DEPROVISIONED", "suspend")]
    [InlineData("STAGED", "suspend")]
    [InlineData("DEPROVISIONED", "unsuspend")]
    [InlineData("LOCKED_OUT", "unsuspend")]
    public async Task Wrong_status_is_a_state_error_naming_the_status(string status, string operation)
    {
        await using var org = await TestOrg.StartAsync();
        var target = ResponseTestData.WithStatus(org, status);
        using var connection = await org.ConnectSswsAsync();
        var op = operation == "suspend" ? UserLifecycleOperation.Suspend : UserLifecycleOperation.Unsuspend;

        var error = await Assert.ThrowsAsync<OktaUserStateException>(() => new OktaUserClient(connection).ChangeLifecycleAsync(target.Id, op, false, CancellationToken.None));

        Assert.Equal(status, error.Status);
        Assert.Contains(status, error.Message);
        Assert.Contains(op.RequiredStatus, error.Message);
        Assert.Equal(status, target.Status);
    }

    [Fact]
    public async Task A_status_change_between_read_and_call_is_told_apart_from_a_real_state_error()
    {
        await using var org = await TestOrg.StartAsync();
        var raced = ResponseTestData.Active(org, 0);
        var gone = ResponseTestData.Active(org, 1);
        using var connection = await org.ConnectSswsAsync();
        var users = new OktaUserClient(connection);
        var rawRaced = await users.GetAsync(raced.Id, CancellationToken.None);
        var rawGone = await users.GetAsync(gone.Id, CancellationToken.None);

        // Someone else suspends one user and deprovisions the other after we read them.
        raced.Status = "SUSPENDED";
        gone.Status = "DEPROVISIONED";

        var already = await users.ChangeLifecycleAsync(rawRaced, UserLifecycleOperation.Suspend, false, CancellationToken.None);
        Assert.False(already.Changed);
        Assert.Contains("already SUSPENDED", already.Reason);
        var error = await Assert.ThrowsAsync<OktaUserStateException>(() => users.ChangeLifecycleAsync(rawGone, UserLifecycleOperation.Suspend, false, CancellationToken.None));
        Assert.Equal("DEPROVISIONED", error.Status);
        Assert.Equal(2, org.Emulator.Requests.All.Count(r => r.Method == "POST" && r.Path.Contains("/lifecycle/") && r.Status == 400));
    }

    [Theory]
    [InlineData("suspend")]
    [InlineData("unsuspend")]
    public async Task A_lifecycle_call_whose_answer_was_lost_and_retried_is_reported_as_our_change(string operation)
    {
        await using var org = await TestOrg.StartAsync();
        var op = operation == "suspend" ? UserLifecycleOperation.Suspend : UserLifecycleOperation.Unsuspend;
        var target = ResponseTestData.WithStatus(org, op.RequiredStatus);
        using var connection = await org.ConnectSswsAsync();
        // Okta changes the status, then the connection drops mid-answer: the transport sends the
        // POST again and Okta answers 400 (the user is in the target state already).
        org.Emulator.Faults.Add(OktaIntegration.Emulator.Faults.FaultKind.ResetMidBody, $"/api/v1/users/{target.Id}/lifecycle/{operation}", count: 1);

        var result = await new OktaUserClient(connection).ChangeLifecycleAsync(target.Id, op, readBack: true, CancellationToken.None);

        Assert.Equal(op.TargetStatus, target.Status);
        Assert.Single(org.Emulator.ResponseActions.LifecycleChanges);
        Assert.Equal(2, org.Emulator.Requests.All.Count(r => r.Method == "POST" && r.Path.EndsWith("/lifecycle/" + operation)));
        Assert.True(result.Changed);
        Assert.Null(result.Reason);
        Assert.NotNull(result.ChangedAt);
        Assert.Equal(op.TargetStatus, result.After!.Status);
    }

    [Fact]
    public async Task A_change_by_someone_else_stays_theirs_when_our_first_call_was_refused_with_a_429()
    {
        await using var org = await TestOrg.StartAsync();
        var target = ResponseTestData.Active(org);
        using var connection = await org.ConnectSswsAsync();
        var users = new OktaUserClient(connection);
        var read = await users.GetAsync(target.Id, CancellationToken.None);
        target.Status = "SUSPENDED"; // someone else, after we read the user
        // A 429 is answered before anything runs: the resent call's 400 is not about our change.
        org.Emulator.Faults.Add(OktaIntegration.Emulator.Faults.FaultKind.ConcurrencyLimit, $"/api/v1/users/{target.Id}/lifecycle/suspend", count: 1);

        var result = await users.ChangeLifecycleAsync(read, UserLifecycleOperation.Suspend, readBack: false, CancellationToken.None);

        Assert.Equal(2, org.Emulator.Requests.All.Count(r => r.Method == "POST" && r.Path.EndsWith("/lifecycle/suspend")));
        Assert.False(result.Changed);
        Assert.Contains("changed by someone else", result.Reason);
    }

    [Fact]
    public async Task Many_users_revoked_under_a_tight_rate_limit_all_succeed_through_the_transport()
    {
        await using var org = await TestOrg.StartAsync(o => o.RateLimits["/api/v1/users*"] = new OktaIntegration.Emulator.RateLimitRule(15, TimeSpan.FromSeconds(1)));
        var targets = org.Emulator.Org.Users.Where(u => u.Status == "ACTIVE").Take(12).ToList();
        using var connection = await org.ConnectSswsAsync();
        var users = new OktaUserClient(connection);

        foreach (var target in targets)
        {
            var user = await users.GetAsync(target.Id, CancellationToken.None);
            await users.RevokeSessionsAsync(user, true, true, CancellationToken.None);
        }

        Assert.Equal(targets.Select(t => t.Id), org.Emulator.ResponseActions.SessionRevocations.Select(r => r.UserId));
        Assert.All(targets, t => Assert.Equal(0, t.ActiveSessions));
    }
}
