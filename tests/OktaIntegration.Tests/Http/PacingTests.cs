using System;
using OktaIntegration.Core.Http;
using Xunit;

namespace OktaIntegration.Tests.Http;

public class PacingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Clock_offset_narrows_to_the_true_offset_and_never_runs_early()
    {
        var clock = new ClockOffsetEstimator();
        // Server is 3.4 s ahead; Date headers are whole seconds.
        for (var ms = 0; ms < 2000; ms += 100)
        {
            var local = T0.AddMilliseconds(ms);
            var serverTrue = local.AddMilliseconds(3400);
            var date = DateTimeOffset.FromUnixTimeSeconds(serverTrue.ToUnixTimeSeconds());
            clock.Observe(date, local.AddMilliseconds(-5), local.AddMilliseconds(5));
        }
        Assert.InRange(clock.SafeOffset.TotalMilliseconds, 3290, 3400);
    }

    [Fact]
    public void Pacer_waits_for_the_reset_when_the_reserve_is_reached_then_lets_requests_go()
    {
        var now = T0;
        var pacer = new RateLimitPacer(new ClockOffsetEstimator(), 0.1, () => now);
        var reset = T0.AddSeconds(3);
        Assert.Equal(TimeSpan.Zero, pacer.Reserve("b"));
        pacer.Observe("b", new RateLimitHeaders(10, 2, reset, T0), tookSlot: true);
        Assert.Equal(TimeSpan.Zero, pacer.Reserve("b")); // 2 left, reserve 1: one more may go
        var wait = pacer.Reserve("b"); // the in-flight one leaves only the reserve
        Assert.True(wait >= TimeSpan.FromSeconds(3) && wait < TimeSpan.FromSeconds(3.1), wait.ToString());
        now = reset.AddMilliseconds(1);
        Assert.Equal(TimeSpan.Zero, pacer.Reserve("b"));
    }

    [Fact]
    public void Answers_from_an_older_window_are_ignored()
    {
        var pacer = new RateLimitPacer(new ClockOffsetEstimator(), 0, () => T0);
        pacer.Observe("b", new RateLimitHeaders(10, 5, T0.AddSeconds(60), T0), tookSlot: false);
        pacer.Observe("b", new RateLimitHeaders(10, 0, T0.AddSeconds(1), T0), tookSlot: false);
        Assert.Equal(TimeSpan.Zero, pacer.Reserve("b"));
    }

    [Theory]
    [InlineData("GET", "https://x/api/v1/logs?since=1", "Get /api/v1/logs")]
    [InlineData("GET", "https://x/api/v1/users/00u1/roles", "GET /api/v1/users/{id}")]
    [InlineData("DELETE", "https://x/api/v1/users/00u1/sessions", "WRITE /api/v1/users/{id}")]
    public void Buckets_fold_ids(string method, string url, string key)
    {
        var kind = Enum.Parse<HttpMethodKind>(method, ignoreCase: true);
        Assert.Equal(key, RateLimitPacer.BucketKey(kind, new Uri(url)));
    }
}
