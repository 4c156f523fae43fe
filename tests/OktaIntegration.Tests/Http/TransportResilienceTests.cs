using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Http;
using OktaIntegration.Emulator.Faults;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Http;

/// <summary>The transport against the emulator's faults: every retryable failure recovers, nothing else retries.</summary>
public class TransportResilienceTests
{
    private static Task<OktaResponse> GetUsers(OktaConnection connection, string query = "limit=5") =>
        connection.Transport.SendAsync(new OktaRequest(HttpMethodKind.Get, connection.Org.Resolve("api/v1/users?" + query)), CancellationToken.None);

    [Theory]
    [InlineData(FaultKind.ServerError, 3)]
    [InlineData(FaultKind.ServiceUnavailable, 2)]
    [InlineData(FaultKind.ResetMidBody, 2)]
    [InlineData(FaultKind.TruncatedJson, 2)]
    [InlineData(FaultKind.RateLimit, 1)]
    [InlineData(FaultKind.RateLimitResetInPast, 2)]
    [InlineData(FaultKind.RateLimitWithoutHeaders, 2)]
    [InlineData(FaultKind.ConcurrencyLimit, 3)]
    [InlineData(FaultKind.DuplicateRateLimitHeaders, 1)]
    public async Task Retryable_failures_recover_with_the_same_result(FaultKind kind, int count)
    {
        // One-second windows, so a forced 429 resets quickly.
        await using var org = await TestOrg.StartAsync(o => o.DefaultRateLimit = new Emulator.RateLimitRule(100_000, TimeSpan.FromSeconds(1)));
        using var connection = await org.ConnectSswsAsync();
        var expected = await GetUsers(connection);
        org.Emulator.Requests.Clear();
        var fault = org.Emulator.Faults.Add(kind, "/api/v1/users", count);

        var response = await connection.Transport.SendAsync(
            new OktaRequest(HttpMethodKind.Get, connection.Org.Resolve("api/v1/users?limit=5")),
            r => System.Text.Json.JsonDocument.Parse(r.BodyMemory).RootElement.GetArrayLength(), CancellationToken.None);

        Assert.Equal(count, fault.Fired);
        Assert.Equal(5, response);
        var attempts = org.Emulator.Requests.ForPath("/api/v1/users");
        var expectedAttempts = kind == FaultKind.DuplicateRateLimitHeaders ? 1 : count + 1;
        Assert.Equal(expectedAttempts, attempts.Count);
        Assert.Equal(200, attempts[^1].Status);
        Assert.Equal(expected.BodyLength, (await GetUsers(connection)).BodyLength);
    }

    [Fact]
    public async Task A_429_waits_until_the_reported_reset_before_retrying()
    {
        await using var org = await TestOrg.StartAsync(o => o.RateLimits["/api/v1/users"] = new Emulator.RateLimitRule(1000, TimeSpan.FromSeconds(2)));
        using var connection = await org.ConnectSswsAsync();
        org.Emulator.Faults.Add(FaultKind.RateLimit, "/api/v1/users");
        var response = await GetUsers(connection);
        Assert.True(response.IsSuccess);
        var calls = org.Emulator.Requests.ForPath("/api/v1/users").Where(c => c.Query.Contains("limit=5")).ToList();
        Assert.Equal(new[] { 429, 200 }, calls.Select(c => c.Status));
        var reset = DateTimeOffset.FromUnixTimeSeconds(calls[0].RateLimitReset!.Value);
        Assert.True(calls[1].At >= reset, $"retried at {calls[1].At:HH:mm:ss.fff}, before the reset {reset:HH:mm:ss}");
    }

    [Fact]
    public async Task Pacing_keeps_a_lone_client_below_the_limit()
    {
        await using var org = await TestOrg.StartAsync(o => o.RateLimits["/api/v1/users"] = new Emulator.RateLimitRule(5, TimeSpan.FromSeconds(1)));
        using var connection = await org.ConnectSswsAsync();
        for (var i = 0; i < 12; i++) await GetUsers(connection);
        Assert.Equal(0, org.Emulator.RateLimits.Rejected);
        Assert.DoesNotContain(org.Emulator.Requests.ForPath("/api/v1/users"), r => r.Status == 429);
    }

    [Theory]
    [InlineData(400, "E0000001")]
    [InlineData(404, "E0000007")]
    public async Task Client_errors_are_not_retried(int status, string code)
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        org.Emulator.Requests.Clear();
        var query = status == 400 ? "api/v1/users?limit=abc" : "api/v1/users/nobody@example.com/sessions";
        var method = status == 400 ? HttpMethodKind.Get : HttpMethodKind.Delete;
        var ex = await Assert.ThrowsAnyAsync<OktaApiException>(() =>
            connection.Transport.SendAsync(new OktaRequest(method, connection.Org.Resolve(query)), CancellationToken.None));
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        if (status == 400) Assert.Equal(code, ex.ErrorCode);
        Assert.Single(org.Emulator.Requests.All);
    }

    [Fact]
    public async Task Gives_up_after_max_retries_with_the_last_okta_error()
    {
        await using var org = await TestOrg.StartAsync();
        var settings = org.SswsSettings();
        settings.Retry.MaxRetries = 2;
        using var connection = await org.ConnectAsync(settings);
        org.Emulator.Faults.Add(FaultKind.ServerError, "/api/v1/users", 10);
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => GetUsers(connection));
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal("E0000009", ex.ErrorCode);
        Assert.Equal(3, org.Emulator.Requests.ForPath("/api/v1/users").Count(r => r.Query.Contains("limit=5")));
    }

    [Fact]
    public async Task A_write_that_never_got_an_answer_says_it_may_have_been_carried_out()
    {
        await using var org = await TestOrg.StartAsync();
        var settings = org.SswsSettings();
        settings.Retry.MaxRetries = 2;
        settings.Retry.RequestTimeout = TimeSpan.FromMilliseconds(300);
        using var connection = await org.ConnectAsync(settings);
        var user = org.Emulator.Org.AddUser("lost.answers@example.com", "Lost", "Answers", "ACTIVE", DateTimeOffset.UtcNow);
        var path = $"/api/v1/users/{user.Id}/sessions";
        // Every attempt times out: none of the answers arrives.
        org.Emulator.Faults.Add(FaultKind.Slow, path, 10, TimeSpan.FromSeconds(2));
        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            connection.Transport.SendAsync(new OktaRequest(HttpMethodKind.Delete, new Uri(org.BaseUrl, path.TrimStart('/'))), CancellationToken.None));
        Assert.Contains("after 3 attempts", ex.Message);
        Assert.Contains("may have carried out", ex.Message);
        Assert.Equal(3, org.Emulator.Requests.ForPath(path).Count);

        // A read changes nothing, and its message does not suggest otherwise.
        org.Emulator.Faults.Add(FaultKind.Slow, "/api/v1/users/" + user.Id, 10, TimeSpan.FromSeconds(2));
        var read = await Assert.ThrowsAsync<OktaApiException>(() =>
            connection.Transport.SendAsync(new OktaRequest(HttpMethodKind.Get, new Uri(org.BaseUrl, "api/v1/users/" + user.Id)), CancellationToken.None));
        Assert.DoesNotContain("carried out", read.Message);
    }

    [Fact]
    public async Task A_next_link_to_another_origin_is_refused_and_nothing_is_sent_there()
    {
        await using var org = await TestOrg.StartAsync();
        var recorder = new RecordingHandler();
        var settings = org.SswsSettings();
        using var connection = await OktaConnectionFactory.ConnectAsync(settings, CancellationToken.None, recorder);
        org.Emulator.Faults.Add(FaultKind.ForeignNextLink, "/api/v1/users");
        var first = await GetUsers(connection);
        var next = first.NextLink;
        Assert.NotNull(next);
        Assert.Equal(new Uri(FaultMiddleware.ForeignOrigin).Host, next!.Host);
        var ex = await Assert.ThrowsAsync<CrossOriginException>(() =>
            connection.Transport.SendAsync(new OktaRequest(HttpMethodKind.Get, next), CancellationToken.None));
        Assert.Contains(next.Host, ex.Message);
        Assert.DoesNotContain(recorder.Sent, s => s.Uri.Host == next.Host);
    }

    [Fact]
    public async Task A_slow_response_times_out_and_is_retried()
    {
        await using var org = await TestOrg.StartAsync();
        var settings = org.SswsSettings();
        settings.Retry.RequestTimeout = TimeSpan.FromMilliseconds(400);
        using var connection = await org.ConnectAsync(settings);
        org.Emulator.Faults.Add(FaultKind.Slow, "/api/v1/users", 1, TimeSpan.FromSeconds(3));
        var response = await GetUsers(connection);
        Assert.True(response.IsSuccess);
    }
}
