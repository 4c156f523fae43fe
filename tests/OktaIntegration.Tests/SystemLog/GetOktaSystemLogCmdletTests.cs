using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OktaIntegration.Commands;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Infrastructure;
using OktaIntegration.Tests.Cmdlets;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.SystemLog;

public sealed class GetOktaSystemLogCmdletTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "oktalog-cmdlet-" + Guid.NewGuid().ToString("N"));

    public GetOktaSystemLogCmdletTests() => Directory.CreateDirectory(_dir);

    private static PowerShellSession Connected(TestOrg org)
    {
        var ps = new PowerShellSession();
        var result = ps.Invoke("Connect-OktaTenant -OrgUrl $url -ApiToken $token",
            new Dictionary<string, object?> { ["url"] = org.BaseUrl.ToString(), ["token"] = ConnectOktaTenantCmdletTests.Secure(TestOrg.ApiToken) });
        Assert.Empty(result.AllErrors);
        return ps;
    }

    private static Dictionary<string, object?> Vars(params (string, object?)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

    [Fact]
    public async Task Bounded_range_writes_typed_events_in_published_order()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = Connected(org);
        var result = ps.Invoke("Get-OktaSystemLog -Since $since -Until $until -PageSize 40",
            Vars(("since", DateTime.UtcNow.AddDays(-31)), ("until", DateTimeOffset.UtcNow)));
        Assert.Empty(result.AllErrors);
        var events = result.Output.Select(o => Assert.IsType<OktaLogEvent>(o.BaseObject)).ToList();
        SystemLogTestKit.AssertExactlyOnce(SystemLogTestKit.GroundTruth(org), events);
        Assert.Equal(events.OrderBy(e => e.Published).Select(e => e.Uuid), events.Select(e => e.Uuid));
        var first = org.Emulator.Requests.ForPath("/api/v1/logs").First().Query;
        Assert.Matches("since=\\d{4}-\\d\\d-\\d\\dT\\d\\d%3A\\d\\d%3A\\d\\d\\.\\d{3}Z", first); // RFC 3339 UTC, whatever kind of date was given
    }

    [Fact]
    public async Task Raw_writes_each_events_original_json()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = Connected(org);
        var result = ps.Invoke("Get-OktaSystemLog -Since $since -Raw -EventType user.session.start", Vars(("since", DateTimeOffset.UtcNow.AddDays(-31))));
        Assert.Empty(result.AllErrors);
        var expected = org.Emulator.SystemLog.Snapshot().Where(e => e.EventType == "user.session.start").Select(e => System.Text.Encoding.UTF8.GetString(e.Json)).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, result.Output.Select(o => Assert.IsType<string>(o.BaseObject)));
    }

    [Fact]
    public async Task CursorPath_makes_runs_incremental()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = Connected(org);
        var cursor = Path.Combine(_dir, "cursor.json");
        const string script = "Get-OktaSystemLog -Since $since -CursorPath $cursor -PageSize 60";
        var vars = Vars(("since", DateTimeOffset.UtcNow.AddDays(-31)), ("cursor", cursor));
        var first = ps.Invoke(script, vars);
        Assert.Empty(first.AllErrors);
        Assert.Equal(org.Emulator.SystemLog.Count, first.Output.Count);
        Assert.True(File.Exists(cursor));

        Assert.Empty(ps.Invoke(script, vars).Output);
        var added = Enumerable.Range(0, 5).Select(_ => org.Emulator.SystemLog.Append()).Select(e => e.Uuid).ToList();
        var third = ps.Invoke(script, vars);
        Assert.Empty(third.AllErrors);
        Assert.Equal(added, third.Output.Select(o => ((OktaLogEvent)o.BaseObject).Uuid));
    }

    [Fact]
    public async Task A_pipeline_stopped_mid_page_resumes_with_exactly_the_rest()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = Connected(org);
        var cursor = Path.Combine(_dir, "cursor.json");
        var vars = Vars(("since", DateTimeOffset.UtcNow.AddDays(-31)), ("cursor", cursor));
        // break inside ForEach-Object stops the pipeline in the middle of the first page.
        var stopped = ps.Invoke("$n = 0; do { Get-OktaSystemLog -Since $since -CursorPath $cursor -PageSize 50 | ForEach-Object { $n++; $_; if ($n -ge 7) { break } } } while ($false)", vars);
        Assert.Empty(stopped.AllErrors);
        Assert.Equal(7, stopped.Output.Count);
        var rest = ps.Invoke("Get-OktaSystemLog -Since $since -CursorPath $cursor -PageSize 50", vars);
        Assert.Empty(rest.AllErrors);
        var all = stopped.Output.Concat(rest.Output).Select(o => (OktaLogEvent)o.BaseObject).ToList();
        Assert.Empty(SystemLogTestKit.GroundTruth(org).Except(all.Select(e => e.Uuid)));
        // The 7th event was being processed when the consumer stopped the pipeline: it is not
        // known to be done, so (at least once) it comes again; nothing else repeats.
        var repeated = all.GroupBy(e => e.Uuid).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Equal(new[] { ((OktaLogEvent)stopped.Output[6].BaseObject).Uuid }, repeated);
    }

    [Fact]
    public async Task A_cursor_path_that_cannot_be_written_fails_before_any_event_with_the_file_access_id()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = Connected(org);
        var result = ps.Invoke("Get-OktaSystemLog -Since $since -CursorPath $cursor", Vars(("since", DateTimeOffset.UtcNow.AddDays(-31)), ("cursor", _dir)));
        Assert.Empty(result.Output);
        var error = Assert.Single(result.AllErrors);
        Assert.Equal("OktaFileAccessFailed,OktaIntegration.Commands.GetOktaSystemLogCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.WriteError, error.CategoryInfo.Category);
        Assert.Empty(org.Emulator.Requests.ForPath("/api/v1/logs"));
    }

    [Fact]
    public async Task First_stops_after_n_events()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = Connected(org);
        var result = ps.Invoke("Get-OktaSystemLog -Since $since -First 12 -PageSize 5", Vars(("since", DateTimeOffset.UtcNow.AddDays(-31))));
        Assert.Empty(result.AllErrors);
        Assert.Equal(12, result.Output.Count);
        Assert.Equal(3, org.Emulator.Requests.ForPath("/api/v1/logs").Count);
    }

    [Fact]
    public async Task Bad_input_is_a_terminating_error_with_a_specific_id_before_anything_is_sent()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = Connected(org);
        var result = ps.Invoke("Get-OktaSystemLog -Keyword ('x' * 41)");
        var error = Assert.Single(result.AllErrors);
        Assert.Equal("OktaInvalidSystemLogQuery,OktaIntegration.Commands.GetOktaSystemLogCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("40", error.Exception.Message);
        Assert.Empty(org.Emulator.Requests.ForPath("/api/v1/logs"));

        var old = ps.Invoke("Get-OktaSystemLog -Since $since", Vars(("since", DateTime.UtcNow.AddDays(-200))));
        Assert.StartsWith("OktaInvalidSystemLogQuery,", Assert.Single(old.AllErrors).FullyQualifiedErrorId);
        var warned = ps.Invoke("Get-OktaSystemLog -Since $since -First 1", Vars(("since", DateTime.UtcNow.AddDays(-100))));
        Assert.Contains(warned.Warnings, w => w.Contains("90 days"));
    }

    [Fact]
    public async Task A_cursor_for_another_query_is_refused_with_its_own_id()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = Connected(org);
        var cursor = Path.Combine(_dir, "cursor.json");
        Assert.Empty(ps.Invoke("Get-OktaSystemLog -Since $since -CursorPath $cursor -EventType user.session.start", Vars(("since", DateTimeOffset.UtcNow.AddDays(-31)), ("cursor", cursor))).AllErrors);
        var result = ps.Invoke("Get-OktaSystemLog -CursorPath $cursor -EventType user.session.end", Vars(("cursor", cursor)));
        var error = Assert.Single(result.AllErrors);
        Assert.Equal("OktaCursorMismatch,OktaIntegration.Commands.GetOktaSystemLogCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public async Task Okta_errors_surface_with_Oktas_code()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = Connected(org);
        var result = ps.Invoke("Get-OktaSystemLog -Filter 'eventType eqq \"x\"'");
        var error = Assert.Single(result.AllErrors);
        Assert.StartsWith("OktaInvalidRequest,", error.FullyQualifiedErrorId);
        Assert.Contains("E0000053", error.Exception.Message);
    }

    [Fact]
    public void Output_properties_are_all_csv_friendly_scalars()
    {
        var scalar = new[] { typeof(string), typeof(DateTimeOffset), typeof(double), typeof(long), typeof(int), typeof(bool), typeof(LogEventCategory) };
        foreach (var property in typeof(OktaLogEvent).GetProperties())
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            Assert.True(scalar.Contains(type), $"{property.Name} is a {type.Name}, which Export-Csv would print as a type name and ConvertTo-Json would cut off at its default depth");
        }
        // The nested detail is reached through a method, so it is in neither CSV nor JSON output.
        Assert.Equal(typeof(OktaLogEventDetail), typeof(OktaLogEvent).GetMethod(nameof(OktaLogEvent.GetDetail))!.ReturnType);
        Assert.Equal(typeof(OktaLogEventDetail), typeof(OktaLogEventDetail).GetMethod(nameof(ToString))!.DeclaringType);
        var attribute = (OutputTypeAttribute)Attribute.GetCustomAttributes(typeof(GetOktaSystemLogCommand), typeof(OutputTypeAttribute))[0];
        Assert.NotNull(attribute);
    }

    [Fact]
    public void EventType_completion_offers_catalog_types()
    {
        var completions = new EventTypeCompleter().CompleteArgument("Get-OktaSystemLog", "EventType", "user.session.", null!, new System.Collections.Hashtable()).ToList();
        Assert.Contains(completions, c => c.CompletionText == "user.session.start");
        Assert.All(completions, c => Assert.StartsWith("user.session.", c.CompletionText));
    }

    [Fact]
    public async Task Follow_tails_until_stopped_and_the_saved_cursor_loses_nothing()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = Connected(org);
        var cursor = Path.Combine(_dir, "tail.json");
        ps.Runspace.SessionStateProxy.SetVariable("since", DateTimeOffset.UtcNow.AddDays(-31));
        ps.Runspace.SessionStateProxy.SetVariable("cursor", cursor);
        var output = new PSDataCollection<PSObject>();
        var initial = org.Emulator.SystemLog.Count;
        using (org.Emulator.SystemLog.StartTrickle(TimeSpan.FromMilliseconds(100), 2))
        {
            using var shell = PowerShell.Create();
            shell.Runspace = ps.Runspace;
            shell.AddScript("Get-OktaSystemLog -Since $since -Follow -PollInterval '00:00:01' -CursorPath $cursor -PageSize 50");
            var running = shell.BeginInvoke<PSObject, PSObject>(null, output);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (output.Count < initial + 6 && DateTime.UtcNow < deadline) await Task.Delay(50);
            shell.Stop(); // what Ctrl+C does
            Assert.True(running.IsCompleted);
            Assert.True(output.Count >= initial + 6, $"only {output.Count} events while tailing");
            Assert.Empty(shell.Streams.Error);
        }
        var rest = ps.Invoke("Get-OktaSystemLog -CursorPath $cursor -PageSize 50");
        Assert.Empty(rest.AllErrors);
        var all = output.Concat(rest.Output).Select(o => (OktaLogEvent)o.BaseObject).ToList();
        Assert.Empty(SystemLogTestKit.GroundTruth(org).Except(all.Select(e => e.Uuid)));
        // Stopping while an event is being written may repeat that one event (at least once); no more.
        Assert.True(all.Count - all.Select(e => e.Uuid).Distinct().Count() <= 1);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
