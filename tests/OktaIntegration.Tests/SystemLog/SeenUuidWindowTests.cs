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

    [Fact]
    public void A_uuid_taken_back_and_delivered_again_is_one_entry_at_its_new_place()
    {
        var window = new SeenUuidWindow(TimeSpan.FromDays(1), minimumKept: 2, maximumKept: 100);
        window.Add("a", T0);
        window.Add("b", T0);
        window.Forget("a");
        Assert.True(window.Add("a", T0)); // the same stamp as before: the high-water mark did not move
        Assert.Equal(new[] { "b", "a" }, window.Entries.Select(e => e.Uuid));
        Assert.Equal(2, window.Count);
    }

    [Fact]
    public void Its_changes_applied_in_turn_give_its_entries_whatever_was_added_evicted_or_taken_back()
    {
        var random = new Random(42);
        var window = new SeenUuidWindow(TimeSpan.FromMinutes(5), minimumKept: 20, maximumKept: 120);
        var saved = new CursorSeenEntries(Array.Empty<(string, long)>());
        var clock = T0;
        var next = 0;
        for (var round = 0; round < 400; round++)
        {
            for (var i = random.Next(0, 60); i > 0; i--)
            {
                clock = clock.AddMilliseconds(random.Next(0, 3000));
                window.Add("e" + next++, random.Next(10) == 0 ? clock.AddHours(-2) : clock);
            }
            var live = window.Entries.Select(e => e.Uuid).ToList();
            foreach (var uuid in live.Where(_ => random.Next(30) == 0)) window.Forget(uuid);
            if (random.Next(5) == 0 && live.Count > 0)
            {
                var again = live[random.Next(live.Count)];
                window.Forget(again);
                window.Add(again, clock);
            }
            var changes = window.TakeChanges();
            saved.Apply(changes.Dropped, changes.Forgotten, changes.Added, changes.Count);
            Assert.True(window.Entries.SequenceEqual(saved.Entries), $"round {round}");
            Assert.Equal(window.HighWaterMark, changes.HighWaterMark);
        }
    }
}
