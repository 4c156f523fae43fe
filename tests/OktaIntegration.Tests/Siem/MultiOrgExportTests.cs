using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using static OktaIntegration.Tests.Siem.FileExportTests;
using static OktaIntegration.Tests.SystemLog.SystemLogTestKit;

namespace OktaIntegration.Tests.Siem;

/// <summary>Several orgs in one run: a cursor file each, in parallel with a bound, one org's failure kept to that org.</summary>
public sealed class MultiOrgExportTests : ExportTestFolder
{
    public MultiOrgExportTests()
        : base("okta-mssp-")
    {
    }

    [Fact]
    public async Task Each_org_gets_its_own_cursor_and_result_and_one_failing_org_does_not_stop_the_others()
    {
        await using var a = await TestOrg.StartAsync();
        await using var b = await TestOrg.StartAsync(o => o.Seed = 7);
        await using var c = await TestOrg.StartAsync(o => o.Seed = 9);
        using var ca = await a.ConnectSswsAsync();
        using var cb = await b.ConnectSswsAsync();
        using var cc = await c.ConnectSswsAsync();
        var cursors = Path.Combine(Dir, "cursors");
        var output = Out;
        Directory.CreateDirectory(cursors);
        // Org c's cursor is held by "another run": that org fails, the others go on.
        using var busy = SystemLogCursorStore.Open(Path.Combine(cursors, SystemLogExportRun.CursorFileName(cc.OrgUrl)), cc.OrgUrl, PollingFromStart(50));
        using var files = new FileDestination(output);
        SystemLogExporter Exporter(Core.Connection.OktaConnection conn) =>
            new(conn, PollingFromStart(50), files, Fast(), Path.Combine(cursors, SystemLogExportRun.CursorFileName(conn.OrgUrl)));

        var results = await SystemLogExportRun.RunAsync(new[] { Exporter(ca), Exporter(cb), Exporter(cc) }, throttle: 2, default);

        Assert.True(results[0].Succeeded, results[0].Error);
        Assert.True(results[1].Succeeded, results[1].Error);
        Assert.False(results[2].Succeeded);
        Assert.IsType<SystemLogCursorException>(results[2].GetException());
        Assert.Equal(new[] { ca.OrgUrl, cb.OrgUrl, cc.OrgUrl }, results.Select(r => r.Org));
        Assert.Equal(a.Emulator.SystemLog.Count, results[0].Acknowledged);
        Assert.Equal(b.Emulator.SystemLog.Count, results[1].Acknowledged);
        var delivered = DeliveredUuids(output);
        AssertNoneLost(GroundTruth(a).Concat(GroundTruth(b)), delivered, maxDuplicates: 0);
        Assert.Equal(2, Directory.GetFiles(cursors, "*.cursor").Length); // a and b saved; c never written
    }

    [Fact]
    public async Task An_unexpected_failure_in_one_org_ends_that_org_only_and_the_run_still_reports_every_org()
    {
        await using var a = await TestOrg.StartAsync();
        await using var b = await TestOrg.StartAsync(o => o.Seed = 7);
        using var ca = await a.ConnectSswsAsync();
        using var cb = await b.ConnectSswsAsync();
        var cursors = Path.Combine(Dir, "cursors");
        Directory.CreateDirectory(cursors);
        using var files = new FileDestination(Dir);
        // Org a's progress handler throws (a fault no failure type foresees) after its first page.
        var throwing = new ThrowingProgress();
        var exporters = new[]
        {
            new SystemLogExporter(ca, PollingFromStart(50), files, Fast(), Path.Combine(cursors, SystemLogExportRun.CursorFileName(ca.OrgUrl)), throwing),
            new SystemLogExporter(cb, PollingFromStart(50), files, Fast(), Path.Combine(cursors, SystemLogExportRun.CursorFileName(cb.OrgUrl))),
        };

        var results = await SystemLogExportRun.RunAsync(exporters, throttle: 2, default);

        Assert.False(results[0].Succeeded);
        Assert.IsType<InvalidOperationException>(results[0].GetException());
        Assert.Contains("unexpected error", results[0].Error);
        Assert.True(results[1].Succeeded, results[1].Error);
        Assert.Equal(b.Emulator.SystemLog.Count, results[1].Acknowledged);
        // a's first page was acknowledged and its cursor saved before the handler threw: nothing lost on resume.
        Assert.Equal(50, SystemLogCursorStore.Read(Path.Combine(cursors, SystemLogExportRun.CursorFileName(ca.OrgUrl))).Seen.Count);
    }

    private sealed class ThrowingProgress : IProgress<SiemExportSummary>
    {
        public void Report(SiemExportSummary value) => throw new InvalidOperationException("progress handler failed");
    }

    [Theory]
    [InlineData("https://acme.okta.com", "acme.okta.com.cursor")]
    [InlineData("http://127.0.0.1:8080", "127.0.0.1_8080.cursor")]
    public void Cursor_file_names_come_from_the_org_host(string org, string name) => Assert.Equal(name, SystemLogExportRun.CursorFileName(org));
}
