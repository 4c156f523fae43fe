using System;
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

/// <summary>The cursor saved while the export holds pages read ahead: never theirs, and none of them lost.</summary>
public sealed class ReadAheadExportTests : ExportTestFolder
{
    public ReadAheadExportTests()
        : base("okta-readahead-")
    {
    }

    [Theory]
    [InlineData(SiemSchema.Raw)]
    [InlineData(SiemSchema.Ecs)]
    public async Task Two_pages_read_ahead_are_not_in_the_cursor_saved_before_them_and_are_not_lost(SiemSchema schema)
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var output = Out;
        var faulty = new FaultyDestination(new FileDestination(output))
        {
            DownFromSend = 3,
            // Hold page 2's send until pages 3 and 4 have been taken by the read-ahead loop and the
            // reader's own request for page 5 is out: page 2's cursor is then saved with two pages
            // read ahead, and page 3's send fails.
            BeforeSend = async n =>
            {
                while (n == 2 && org.Emulator.Requests.ForPath("/api/v1/logs").Count < 5) await Task.Delay(5);
            },
        };
        var stopped = await new SystemLogExporter(connection, PollingFromStart(50), faulty, FileExportTests.Fast(schema, attempts: 1), Cursor).RunAsync();
        Assert.False(stopped.Succeeded);
        Assert.Equal(100, stopped.Acknowledged);
        Assert.True(org.Emulator.Requests.ForPath("/api/v1/logs").Count >= 5);

        var saved = SystemLogCursorStore.Read(Cursor).Seen.Select(s => s.Uuid).OrderBy(u => u, StringComparer.Ordinal).ToList();
        Assert.Equal(FileExportTests.DeliveredUuids(output).OrderBy(u => u, StringComparer.Ordinal), saved);

        using var files = new FileDestination(output);
        var resumed = await new SystemLogExporter(connection, PollingFromStart(50), files, FileExportTests.Fast(schema), Cursor).RunAsync();
        Assert.True(resumed.Succeeded, resumed.Error);
        FileExportTests.AssertNoneLost(GroundTruth(org), FileExportTests.DeliveredUuids(output), maxDuplicates: 0);
        Assert.Equal(GroundTruth(org).Count, FileExportTests.DeliveredUuids(output).Count);
    }
}
