using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.SystemLog;

/// <summary>Reads the emulator's log with the Core reader and checks the result against the emulator's own ground truth.</summary>
internal static class SystemLogTestKit
{
    /// <summary>A polling query from before every seeded event (the emulator spreads them over 30 days).</summary>
    public static SystemLogQuery PollingFromStart(int pageSize = 50) => new()
    {
        Since = DateTimeOffset.UtcNow.AddDays(-31),
        PageSize = pageSize,
        PollInterval = TimeSpan.FromMilliseconds(50),
    };

    public static async Task<List<OktaLogEvent>> ReadAllAsync(OktaConnection connection, SystemLogQuery query, CancellationToken ct = default)
    {
        var reader = new SystemLogReader(connection.Transport, query);
        var events = new List<OktaLogEvent>();
        await foreach (var page in reader.ReadPagesAsync(ct)) events.AddRange(page.Events);
        return events;
    }

    /// <summary>Every uuid the org holds (all seeded events are within retention and after the query's since).</summary>
    public static HashSet<string> GroundTruth(TestOrg org) => org.Emulator.SystemLog.Snapshot().Select(e => e.Uuid).ToHashSet(StringComparer.Ordinal);

    /// <summary>Zero lost, zero duplicated: the delivered uuids are exactly the expected set, each once.</summary>
    public static void AssertExactlyOnce(IEnumerable<string> expected, IReadOnlyCollection<OktaLogEvent> delivered)
    {
        var duplicates = delivered.GroupBy(e => e.Uuid).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"{duplicates.Count} event(s) delivered more than once, e.g. {duplicates.FirstOrDefault()}");
        var expectedSet = expected.ToHashSet(StringComparer.Ordinal);
        var missing = expectedSet.Except(delivered.Select(e => e.Uuid)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} event(s) lost, e.g. {missing.FirstOrDefault()}");
        var extra = delivered.Select(e => e.Uuid).Except(expectedSet).ToList();
        Assert.True(extra.Count == 0, $"{extra.Count} event(s) delivered that the org does not hold");
    }
}
