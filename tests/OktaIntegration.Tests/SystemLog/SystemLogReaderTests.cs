using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Emulator.SystemLog;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using static OktaIntegration.Tests.SystemLog.SystemLogTestKit;

namespace OktaIntegration.Tests.SystemLog;

public class SystemLogReaderTests
{
    [Fact]
    public async Task Polling_reads_every_event_once_and_stops_at_the_first_empty_page()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var reader = new SystemLogReader(connection.Transport, PollingFromStart(pageSize: 40));
        var pages = new List<SystemLogPage>();
        await foreach (var page in reader.ReadPagesAsync()) pages.Add(page);

        AssertExactlyOnce(GroundTruth(org), pages.SelectMany(p => p.Events).ToList());
        var last = pages[^1];
        Assert.True(last.IsLast);
        Assert.Equal(0, last.Received);
        Assert.NotNull(last.NextLink); // polling pages always carry next, even when empty: that is the cursor
        Assert.Contains("after=", last.ResumeUri!.Query);
        Assert.All(pages.Take(pages.Count - 1), p => Assert.False(p.IsLast));
    }

    [Fact]
    public async Task The_next_page_is_fetched_while_the_caller_holds_this_one_and_moves_nothing()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var reader = new SystemLogReader(connection.Transport, PollingFromStart(pageSize: 40));
        var first = (await reader.ReadNextPageAsync())!;
        Assert.Equal(40, first.Events.Count);

        // The caller is still "writing" page 1 (it has not asked again): page 2's request is made anyway.
        while (org.Emulator.Requests.ForPath("/api/v1/logs").Count < 2) await Task.Delay(10);
        // ...but what a cursor saved now would hold is page 1's alone: nothing of page 2 is seen or counted.
        Assert.Equal(40, reader.Delivered);
        Assert.Equal(first.Events.Select(e => e.Uuid).OrderBy(u => u), reader.Seen.Entries.Select(e => e.Uuid).OrderBy(u => u));

        var second = (await reader.ReadNextPageAsync())!;
        Assert.Equal(first.NextLink, second.RequestUri);
        Assert.Equal(80, reader.Delivered);
        Assert.Empty(first.Events.Select(e => e.Uuid).Intersect(second.Events.Select(e => e.Uuid)));
    }

    [Fact]
    public async Task Disposing_a_reader_that_read_to_the_end_throws_nothing_not_even_a_first_chance_exception()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var reader = new SystemLogReader(connection.Transport, PollingFromStart(pageSize: 40));
        while (await reader.ReadNextPageAsync() is not null)
        {
        }

        // Every export disposes its reader this way. The request sources of the pages taken are
        // disposed as their requests end; cancelling one of those threw ObjectDisposedException
        // (caught, but a debugger set to break on thrown exceptions stopped there every run).
        var thrown = new List<Exception>();
        var thread = Environment.CurrentManagedThreadId;
        void Watch(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread) lock (thrown) thrown.Add(e.Exception);
        }
        AppDomain.CurrentDomain.FirstChanceException += Watch;
        try
        {
            reader.Dispose();
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Watch;
        }
        Assert.Empty(thrown);
    }

    [Fact]
    public async Task Bounded_query_returns_the_range_in_published_order_and_ends_without_a_next_link()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var all = org.Emulator.SystemLog.Snapshot();
        var since = all[40].Published;
        var until = all[160].Published;
        var query = new SystemLogQuery { Since = since, Until = until, PageSize = 25 };
        var reader = new SystemLogReader(connection.Transport, query);
        var pages = new List<SystemLogPage>();
        await foreach (var page in reader.ReadPagesAsync()) pages.Add(page);

        var expected = all.Where(e => e.PublishedMs >= since.ToUnixTimeMilliseconds() && e.PublishedMs < until.ToUnixTimeMilliseconds()).Select(e => e.Uuid);
        var events = pages.SelectMany(p => p.Events).ToList();
        AssertExactlyOnce(expected, events);
        Assert.Equal(events.OrderBy(e => e.Published).Select(e => e.Uuid), events.Select(e => e.Uuid));
        Assert.Null(pages[^1].NextLink);
        Assert.Null(pages[^1].ResumeUri);
    }

    [Fact]
    public async Task Descending_bounded_query_is_newest_first()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var query = new SystemLogQuery { Since = DateTimeOffset.UtcNow.AddDays(-31), Until = DateTimeOffset.UtcNow, SortOrder = LogSortOrder.Descending, PageSize = 30 };
        var events = await ReadAllAsync(connection, query);
        AssertExactlyOnce(GroundTruth(org), events);
        Assert.Equal(events.OrderByDescending(e => e.Published).Select(e => e.Published), events.Select(e => e.Published));
    }

    [Fact]
    public async Task EventType_and_filter_are_combined_and_match_the_emulators_ground_truth()
    {
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 400);
        using var connection = await org.ConnectSswsAsync();
        var query = PollingFromStart(100);
        query.EventTypes = new[] { "user.session.start", "group.user_membership.add" };
        query.Filter = "outcome.result eq \"SUCCESS\"";
        var events = await ReadAllAsync(connection, query);

        var expected = org.Emulator.SystemLog.Snapshot()
            .Where(e => e.EventType is "user.session.start" or "group.user_membership.add")
            .Where(e => System.Text.Encoding.UTF8.GetString(e.Json).Contains("\"result\":\"SUCCESS\""))
            .Select(e => e.Uuid).ToList();
        Assert.NotEmpty(expected);
        AssertExactlyOnce(expected, events);
        Assert.Contains("filter=%28outcome.result", org.Emulator.Requests.ForPath("/api/v1/logs").First().Query);
    }

    [Fact]
    public async Task Target_filter_matches_any_element_and_not_and_parentheses_work()
    {
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 400);
        using var connection = await org.ConnectSswsAsync();
        var groupEvent = org.Emulator.SystemLog.Snapshot().First(e => e.EventType == "group.user_membership.add");
        var sample = System.Text.Json.JsonDocument.Parse(groupEvent.Json).RootElement.GetProperty("target");
        var userId = sample[0].GetProperty("id").GetString();
        var groupId = sample[1].GetProperty("id").GetString();
        var query = PollingFromStart(200);
        query.Filter = $"(target.id eq \"{userId}\" AND target.id EQ \"{groupId}\") and not (eventType eq \"user.session.start\")";
        var events = await ReadAllAsync(connection, query);
        Assert.Contains(events, e => e.Uuid == groupEvent.Uuid);
        Assert.All(events, e => Assert.NotEqual("user.session.start", e.EventType));
    }

    [Theory]
    [InlineData("eventType eqq \"x\"", "E0000053", "Unrecognized attribute operator")]
    [InlineData("some_invalid_field eq \"x\"", "E0000053", "field is not valid")]
    [InlineData("debugContext.debugData.url co \"authn\"", "E0000031", "not currently supported")]
    [InlineData("(eventType eq \"x\"", "E0000053", "Missing ')'")]
    public async Task Bad_filters_are_refused_with_Oktas_codes(string filter, string code, string text)
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var query = PollingFromStart();
        query.Filter = filter;
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => ReadAllAsync(connection, query));
        Assert.Equal(400, (int)ex.StatusCode!.Value);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Contains(text, ex.ErrorSummary);
    }

    [Fact]
    public async Task Emulator_refuses_published_in_filters_and_long_keywords_and_old_since()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        async Task<OktaApiException> Fails(string query) => await Assert.ThrowsAsync<OktaApiException>(() =>
            connection.Transport.SendAsync(new OktaRequest(HttpMethodKind.Get, org.BaseUrl.ToString().TrimEnd('/') is var b ? new Uri(b + "/api/v1/logs?" + query) : null!), default));

        Assert.Equal("E0000053", (await Fails("filter=" + Uri.EscapeDataString("published gt \"2024-01-01T00:00:00.000Z\""))).ErrorCode);
        var longWord = await Fails("q=" + new string('a', 41));
        Assert.Equal("E0000001", longWord.ErrorCode);
        Assert.Contains("40 characters", longWord.ErrorSummary);
        Assert.Equal("E0000001", (await Fails("q=" + string.Join("+", Enumerable.Range(0, 11).Select(i => "k" + i)))).ErrorCode);
        var old = await Fails("since=" + Uri.EscapeDataString(SystemLogQuery.Format(DateTimeOffset.UtcNow.AddDays(-181))));
        Assert.Equal("E0000053", old.ErrorCode);
        Assert.Contains("180 days", old.ErrorSummary);
        Assert.Equal("E0000001", (await Fails("until=yesterday")).ErrorCode);
    }

    [Fact]
    public async Task Keyword_search_matches_case_insensitively_and_every_keyword_must_match()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var query = PollingFromStart(200);
        query.Keywords = new[] { "SALESFORCE.com", "sso" };
        var events = await ReadAllAsync(connection, query);
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Contains("salesforce.com", e.GetRawJson(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Polling_links_are_separate_header_lines_and_an_empty_polling_page_still_has_next()
    {
        await using var org = await TestOrg.StartAsync();
        using var http = new System.Net.Http.HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("SSWS", TestOrg.ApiToken);
        var since = Uri.EscapeDataString(SystemLogQuery.Format(DateTimeOffset.UtcNow.AddMinutes(-1)));
        using var response = await http.GetAsync(new Uri(org.BaseUrl, "api/v1/logs?since=" + since));
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
        var links = response.Headers.GetValues("link").ToList();
        Assert.Equal(2, links.Count);
        Assert.Contains(links, l => l.EndsWith("rel=\"self\""));
        Assert.Contains(links, l => l.EndsWith("rel=\"next\"") && l.Contains("after="));
    }

    [Fact]
    public async Task First_stops_after_n_events_and_resumes_inside_the_page()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var query = PollingFromStart(pageSize: 50);
        query.First = 70;
        var reader = new SystemLogReader(connection.Transport, query);
        var pages = new List<SystemLogPage>();
        await foreach (var page in reader.ReadPagesAsync()) pages.Add(page);
        Assert.Equal(70, pages.Sum(p => p.Events.Count));
        Assert.True(pages[^1].Truncated);
        Assert.Equal(pages[^1].RequestUri, pages[^1].ResumeUri);

        // Resuming from that page with the window drops the 20 already delivered.
        var rest = new SystemLogReader(connection.Transport, PollingFromStart(50), pages[^1].ResumeUri, reader.Seen);
        var remaining = new List<OktaLogEvent>();
        await foreach (var page in rest.ReadPagesAsync()) remaining.AddRange(page.Events);
        AssertExactlyOnce(GroundTruth(org), pages.SelectMany(p => p.Events).Concat(remaining).ToList());
    }

    [Fact]
    public async Task First_met_by_a_page_asks_for_no_page_after_it()
    {
        // Without -First the next request starts as soon as a page arrives (before its repeats are
        // dropped); with -First, whether there is a next page depends on how many events are new,
        // so nothing is requested ahead of a page that meets it.
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var query = PollingFromStart(pageSize: 50);
        query.First = 50;
        using var reader = new SystemLogReader(connection.Transport, query);
        var page = (await reader.ReadNextPageAsync())!;
        Assert.Equal(50, page.Events.Count);
        Assert.True(page.IsLast);
        Assert.Null(await reader.ReadNextPageAsync());
        await Task.Delay(200); // a request started ahead would have reached the emulator by now
        Assert.Single(org.Emulator.Requests.ForPath("/api/v1/logs"));
    }

    [Fact]
    public async Task Retention_excludes_events_older_than_90_days()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var old = org.Emulator.SystemLog.Append("user.session.start", DateTimeOffset.UtcNow.AddDays(-100));
        var query = new SystemLogQuery { Since = DateTimeOffset.UtcNow.AddDays(-120), Until = DateTimeOffset.UtcNow, PageSize = 1000 };
        var warnings = new List<string>();
        query.Validate(DateTimeOffset.UtcNow, warnings.Add);
        Assert.Contains(warnings, w => w.Contains("90 days"));
        var events = await ReadAllAsync(connection, query);
        Assert.DoesNotContain(events, e => e.Uuid == old.Uuid);
        Assert.Equal(org.Emulator.SystemLog.Count - 1, events.Count);
    }

    [Fact]
    public async Task Admin_actions_appear_in_the_log_as_they_happen()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var user = org.Emulator.Org.Users.First(u => u.Status == "ACTIVE" && u.Id != org.Emulator.Org.Users[0].Id);
        await connection.Transport.SendAsync(new OktaRequest(HttpMethodKind.Delete, new Uri(org.BaseUrl, $"api/v1/users/{user.Id}/sessions?oauthTokens=true&forgetDevices=false")), default);

        var events = await ReadAllAsync(connection, PollingFromStart(500));
        var cleared = Assert.Single(events, e => e.EventType == "user.session.clear" && e.Published >= before);
        Assert.Equal(user.Id, cleared.TargetId);
        Assert.Equal("Session", cleared.Category);
        AssertExactlyOnce(GroundTruth(org), events);
    }

    [Fact]
    public async Task Limit_defaults_to_100_and_is_capped_at_1000()
    {
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 1100);
        using var http = new System.Net.Http.HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("SSWS", TestOrg.ApiToken);
        var since = Uri.EscapeDataString(SystemLogQuery.Format(DateTimeOffset.UtcNow.AddDays(-31)));
        async Task<int> Count(string extra)
        {
            var body = await http.GetStringAsync(new Uri(org.BaseUrl, "api/v1/logs?since=" + since + extra));
            return System.Text.Json.JsonDocument.Parse(body).RootElement.GetArrayLength();
        }
        Assert.Equal(100, await Count(string.Empty));
        Assert.Equal(1000, await Count("&limit=5000"));
        Assert.Equal(7, await Count("&limit=7"));
    }
}
