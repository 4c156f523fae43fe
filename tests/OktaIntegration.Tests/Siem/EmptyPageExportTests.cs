using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using static OktaIntegration.Tests.SystemLog.SystemLogTestKit;

namespace OktaIntegration.Tests.Siem;

/// <summary>
/// Pages with no new events (every event a repeat) between pages of new ones: the empty page's
/// normalization buffer goes back to the spares, and a later page is normalized into it. Its own
/// normalization (of nothing, on a pool thread) must have finished by then: run late, it emptied
/// the buffer under the later page's, whose records then pointed at the wrong bytes or failed the
/// run ("Specified argument was out of the range of valid values"). That takes an unlucky turn of
/// the thread pool, so this test shows it only now and then; it checks the scenario's result.
/// </summary>
public sealed class EmptyPageExportTests : ExportTestFolder
{
    public EmptyPageExportTests()
        : base("okta-emptypage-")
    {
    }

    [Fact]
    public async Task Pages_of_repeats_between_pages_of_new_events_leave_every_new_event_normalized_byte_for_byte()
    {
        // 10 pages of 100; a cursor whose seen window holds pages 2, 4, 6, 8 and 10 (1,000 entries
        // at most, under the 2,000 the window always keeps), resumed from the first page.
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 1000);
        using var connection = await org.ConnectSswsAsync();
        var query = PollingFromStart(100);
        var pages = new List<IReadOnlyList<OktaLogEvent>>();
        using (var reader = new SystemLogReader(connection.Transport, query))
        {
            while (await reader.ReadNextPageAsync() is { } page) pages.Add(page.Events);
        }
        var normalizer = SiemNormalizer.For(SiemSchema.Ecs);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new SeenUuidWindow();
        for (var p = 0; p < pages.Count; p++)
        {
            foreach (var e in pages[p])
            {
                if (p % 2 == 1) seen.Add(e.Uuid, e.Published);
                else expected[e.Uuid] = Encoding.UTF8.GetString(normalizer.Normalize(e));
            }
        }
        Assert.True(pages.Count >= 10);
        using (var store = SystemLogCursorStore.Open(Cursor, connection.OrgUrl, query))
        {
            store.Save(query.FirstPageUri(connection.Transport.Org), false, seen);
        }

        var output = Out;
        using var files = new FileDestination(output);
        var summary = await new SystemLogExporter(connection, query, files, FileExportTests.Fast(SiemSchema.Ecs), Cursor).RunAsync();
        Assert.True(summary.Succeeded, summary.Exception?.ToString() ?? summary.Error);

        var lines = Directory.GetFiles(output, "*.ndjson").OrderBy(f => f, StringComparer.Ordinal).SelectMany(File.ReadAllLines).ToList();
        Assert.Equal(expected.Count, lines.Count);
        foreach (var line in lines)
        {
            Assert.True(expected.TryGetValue(FileExportTests.UuidOfJson(line), out var normalized), "an event that was a repeat, or never sent: " + line);
            Assert.Equal(normalized, line);
        }
    }
}
