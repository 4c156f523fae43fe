using System;
using OktaIntegration.Core.Http;
using Xunit;

namespace OktaIntegration.Tests.Http;

public class RateLimitPacerTests
{
    private const string Bucket = "GET /api/v1/logs";
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private DateTimeOffset _now = Start.AddMilliseconds(200);

    private RateLimitPacer NewPacer(double reserve = 0) => new(new ClockOffsetEstimator(), reserve, () => _now);

    private static RateLimitHeaders Headers(long remaining, DateTimeOffset reset) => new(30, remaining, reset, null);

    [Fact]
    public void Spends_the_window_down_to_the_reserve_then_waits_for_its_reset()
    {
        var pacer = NewPacer(reserve: 0.1);
        pacer.Observe(Bucket, Headers(5, Start.AddSeconds(3)), tookSlot: false);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(TimeSpan.Zero, pacer.Reserve(Bucket));
        }
        // 5 remaining, 2 in flight, reserve 3: the next one waits for the reset.
        var wait = pacer.Reserve(Bucket);
        Assert.True(wait >= Start.AddSeconds(3) - _now, $"waited only {wait}");
    }

    [Fact]
    public void After_a_reset_the_new_windows_end_comes_from_its_first_answer_not_a_guess()
    {
        var pacer = NewPacer();
        pacer.Observe(Bucket, Headers(0, Start.AddSeconds(3)), tookSlot: false);
        _now = Start.AddSeconds(3).AddMilliseconds(10);
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(Bucket));
        pacer.Observe(Bucket, Headers(28, Start.AddSeconds(6)), tookSlot: true);
        for (var i = 0; i < 28; i++) Assert.Equal(TimeSpan.Zero, pacer.Reserve(Bucket));
        Assert.True(pacer.Reserve(Bucket) > TimeSpan.FromSeconds(2)); // spent: wait for the reset the server gave
    }

    [Fact]
    public void A_late_answer_from_an_older_window_does_not_undo_the_new_one()
    {
        var pacer = NewPacer();
        pacer.Observe(Bucket, Headers(10, Start.AddSeconds(6)), tookSlot: false);
        pacer.Observe(Bucket, Headers(0, Start.AddSeconds(3)), tookSlot: false);
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(Bucket));
    }
}
