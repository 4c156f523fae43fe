using System;
using System.Linq;
using OktaIntegration.Core.SystemLog;
using Xunit;

namespace OktaIntegration.Tests.SystemLog;

public class SeenUuidWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Forgets_uuids_once_event_time_has_moved_past_the_window_but_keeps_the_minimum()
    {
        var window = new SeenUuidWindow(TimeSpan.FromMinutes(10), minimumKept: 2, maximumKept: 100);
        window.Add("old1", T0);
        window.Add("old2", T0.AddMinutes(1));
        window.Add("new1", T0.AddMinutes(30));
        window.Add("new2", T0.AddMinutes(31));
        Assert.False(window.Contains("old1"));
        Assert.False(window.Contains("old2"));
        Assert.True(window.Contains("new1"));
        Assert.True(window.Contains("new2"));
    }

    [Fact]
    public void Keeps_the_last_page_even_in_a_quiet_org()
    {
        var window = new SeenUuidWindow(TimeSpan.FromMinutes(1), minimumKept: 5, maximumKept: 100);
        for (var i = 0; i < 5; i++) window.Add("e" + i, T0.AddHours(i)); // hours apart, far beyond the window
        Assert.Equal(5, window.Count);
    }

    [Fact]
    public void A_late_event_is_kept_as_long_as_a_fresh_one()
    {
        var window = new SeenUuidWindow(TimeSpan.FromMinutes(10), minimumKept: 0, maximumKept: 100);
        window.Add("fresh", T0);
        window.Add("late", T0.AddDays(-2)); // published long ago, delivered now
        Assert.True(window.Contains("late"));
        window.Add("later", T0.AddMinutes(5));
        Assert.True(window.Contains("late"));
    }

    [Fact]
    public void Caps_its_size_and_round_trips_through_restore()
    {
        var window = new SeenUuidWindow(TimeSpan.FromDays(1), minimumKept: 2, maximumKept: 3);
        foreach (var i in Enumerable.Range(0, 6)) window.Add("e" + i, T0.AddSeconds(i));
        Assert.Equal(new[] { "e3", "e4", "e5" }, window.Entries.Select(e => e.Uuid));
        var copy = new SeenUuidWindow(TimeSpan.FromDays(1), minimumKept: 2, maximumKept: 3);
        copy.Restore(window.Entries, window.HighWaterMark);
        Assert.True(copy.Contains("e4"));
        Assert.False(copy.Add("e5", T0));
        copy.Forget("e4");
        Assert.False(copy.Contains("e4"));
        Assert.Equal(new[] { "e3", "e5" }, copy.Entries.Select(e => e.Uuid));
    }
}
