using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using static OktaIntegration.Tests.SystemLog.SystemLogTestKit;

namespace OktaIntegration.Tests.Siem;

/// <summary>
/// Each progress report of an export is what its committed cursor covers: the counts as of the page
/// whose cursor was just saved, not those of the page the delivery loop has already moved on to.
/// </summary>
public sealed class ExportProgressTests : ExportTestFolder
{
    public ExportProgressTests()
        : base("okta-progress-")
    {
    }

    [Fact]
    public async Task Every_progress_report_counts_exactly_the_pages_its_cursor_covers()
    {
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 1000);
        using var connection = await org.ConnectSswsAsync();
        var output = Out;
        using var files = new FileDestination(output);
        var reports = new List<SiemExportSummary>();
        var progress = new SynchronousProgress(r =>
        {
            lock (reports) reports.Add(r);
        });
        var summary = await new SystemLogExporter(connection, PollingFromStart(100), files, FileExportTests.Fast(SiemSchema.Ecs), Cursor, progress).RunAsync();
        Assert.True(summary.Succeeded, summary.Error);
        Assert.True(reports.Count >= 10, $"{reports.Count} reports");
        for (var i = 0; i < reports.Count; i++)
        {
            var r = reports[i];
            Assert.Equal(i + 1, r.Pages); // one report per committed page, in order
            Assert.Equal(r.EventsRead, r.Acknowledged); // nothing of a page not yet delivered
            Assert.Equal(Math.Min(1000, 100 * (i + 1)), r.Acknowledged);
            Assert.NotNull(r.CursorPosition);
        }
        Assert.Equal(summary.Acknowledged, reports[^1].Acknowledged);
        Assert.Equal(summary.CursorPosition, reports[^1].CursorPosition);
    }
}
