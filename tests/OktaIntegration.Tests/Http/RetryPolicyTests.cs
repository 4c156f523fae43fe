using System;
using System.Net;
using OktaIntegration.Core.Http;
using Xunit;

namespace OktaIntegration.Tests.Http;

public class RetryPolicyTests
{
    private static readonly DateTimeOffset ServerNow = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly RetryPolicy _policy = new(new RetryOptions { MaxJitter = TimeSpan.Zero, MaxRetries = 3 }, () => 0);

    private static RateLimitHeaders Headers(long? limit, long? remaining, DateTimeOffset? reset) => new(limit, remaining, reset, ServerNow);

    [Fact]
    public void A_429_waits_until_reset_by_the_server_clock_plus_one_second()
    {
        var delay = _policy.DelayAfterStatus((HttpStatusCode)429, Headers(600, 0, ServerNow.AddSeconds(20)), 1);
        Assert.Equal(TimeSpan.FromSeconds(21), delay);
    }

    [Fact]
    public void A_reset_in_the_past_never_gives_a_negative_wait()
    {
        var delay = _policy.DelayAfterStatus((HttpStatusCode)429, Headers(600, 0, ServerNow.AddSeconds(-30)), 1);
        Assert.Equal(TimeSpan.FromSeconds(1), delay);
    }

    [Fact]
    public void A_reset_far_away_is_capped()
    {
        var delay = _policy.DelayAfterStatus((HttpStatusCode)429, Headers(600, 0, ServerNow.AddHours(2)), 1);
        Assert.Equal(new RetryOptions().MaxRateLimitWait, delay);
    }

    [Fact]
    public void A_429_without_headers_backs_off_exponentially()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(500), _policy.DelayAfterStatus((HttpStatusCode)429, default, 1));
        Assert.Equal(TimeSpan.FromMilliseconds(1000), _policy.DelayAfterStatus((HttpStatusCode)429, default, 2));
    }

    [Fact]
    public void A_concurrency_429_backs_off_briefly_instead_of_waiting_out_the_window()
    {
        var delay = _policy.DelayAfterStatus((HttpStatusCode)429, Headers(0, 0, ServerNow.AddSeconds(50)), 1);
        Assert.Equal(new RetryOptions().ConcurrencyBackoff, delay);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void Server_errors_back_off_and_are_capped(int status)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(500), _policy.DelayAfterStatus((HttpStatusCode)status, default, 1));
        Assert.Equal(TimeSpan.FromMilliseconds(2000), _policy.DelayAfterStatus((HttpStatusCode)status, default, 3));
        Assert.Null(_policy.DelayAfterStatus((HttpStatusCode)status, default, 4));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    public void Client_errors_never_retry(int status) =>
        Assert.Null(_policy.DelayAfterStatus((HttpStatusCode)status, default, 1));

    [Fact]
    public void Jitter_adds_at_most_the_configured_amount()
    {
        var policy = new RetryPolicy(new RetryOptions { MaxJitter = TimeSpan.FromMilliseconds(100) }, () => 0.5);
        Assert.Equal(TimeSpan.FromMilliseconds(550), policy.DelayAfterTransportFailure(1));
    }
}
