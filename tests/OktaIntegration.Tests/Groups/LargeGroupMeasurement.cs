using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Groups;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace OktaIntegration.Tests.Groups;

/// <summary>
/// Reads a 50,000-member group and reports time and memory (OKTA_MEASURE=1 dotnet test
/// --filter LargeGroupMeasurement --logger "console;verbosity=detailed"). Memory is sampled as
/// live managed heap after a full collection at page boundaries, so per-request garbage of the
/// in-process emulator does not count and only what the reader keeps does.
/// </summary>
public class LargeGroupMeasurement
{
    private const int Members = 50_000;
    private readonly ITestOutputHelper _output;

    public LargeGroupMeasurement(ITestOutputHelper output)
    {
        _output = output;
    }

    [MeasurementFact]
    public async Task Fifty_thousand_members_stream_in_flat_memory()
    {
        await using var org = await TestOrg.StartAsync(o => o.UserCount = 20);
        var group = org.Emulator.Org.AddGeneratedGroup("Large", Members);
        using var connection = await org.ConnectSswsAsync();
        var reader = new GroupMemberReader(connection.Transport);
        await reader.Members(group.Id, "Large").NextPageAsync(CancellationToken.None); // warm up JIT and the connection

        // 1. Time: stream every page, keep nothing.
        var clock = Stopwatch.StartNew();
        var pager = reader.Members(group.Id, "Large");
        long count = 0;
        while (await pager.NextPageAsync(CancellationToken.None) is { } page) count += page.Count;
        clock.Stop();
        Assert.Equal(Members, count);

        // 2. Memory while streaming: live heap at each page boundary, relative to before the read.
        var baseline = LiveBytes();
        long peakStreaming = 0;
        pager = reader.Members(group.Id, "Large");
        while (await pager.NextPageAsync(CancellationToken.None) is { } page)
        {
            if (pager.PagesRead % 25 == 0) peakStreaming = Math.Max(peakStreaming, LiveBytes() - baseline);
            GC.KeepAlive(page);
        }

        // 3. Memory when the whole list is kept (what Sync-OktaGroupRole needs for planning).
        baseline = LiveBytes();
        var heldClock = Stopwatch.StartNew();
        var all = await reader.Members(group.Id, "Large").ReadAllAsync(CancellationToken.None);
        heldClock.Stop();
        var held = LiveBytes() - baseline;
        Assert.Equal(Members, all.Count);
        GC.KeepAlive(all);

        // 4. The cmdlet in a hosted PowerShell engine, output consumed by ForEach-Object.
        using var ps = new PowerShellSession();
        var cmdletClock = Stopwatch.StartNew();
        var result = ps.Invoke("$n = 0; Get-OktaGroupMember -GroupId $id -Connection $c | ForEach-Object { $n++ }; $n",
            new Dictionary<string, object?> { ["id"] = group.Id, ["c"] = connection });
        cmdletClock.Stop();
        Assert.Empty(result.AllErrors);
        Assert.Equal(Members, (int)result.Output.Single().BaseObject);

        // 5. A whole sync into the JSON role store: first run (50,000 creates + grants), then a no-op run.
        var folder = System.IO.Directory.CreateTempSubdirectory("okta-large-sync-").FullName;
        TimeSpan firstSync, secondSync;
        int firstChanges, secondChanges;
        try
        {
            var storePath = System.IO.Path.Combine(folder, "roles.json");
            (firstSync, firstChanges) = await SyncOnceAsync(connection, storePath);
            (secondSync, secondChanges) = await SyncOnceAsync(connection, storePath);
            _output.WriteLine($"Role store size after the first sync: {new System.IO.FileInfo(storePath).Length / 1024.0 / 1024.0:N1} MiB");
        }
        finally
        {
            System.IO.Directory.Delete(folder, true);
        }
        Assert.Equal(2 * Members, firstChanges);
        Assert.Equal(0, secondChanges);

        _output.WriteLine($"Members: {Members:N0} in {pager.PagesRead} pages of 200");
        _output.WriteLine($"Sync-OktaGroupRole core, first run into the JSON store ({firstChanges:N0} changes): {firstSync.TotalSeconds:0.00} s");
        _output.WriteLine($"Sync-OktaGroupRole core, second run (nothing to do): {secondSync.TotalSeconds:0.00} s");
        _output.WriteLine($"Core reader, streaming: {clock.Elapsed.TotalSeconds:0.00} s ({Members / clock.Elapsed.TotalSeconds:N0} members/s)");
        _output.WriteLine($"Core reader, whole list kept: {heldClock.Elapsed.TotalSeconds:0.00} s");
        _output.WriteLine($"Get-OktaGroupMember | ForEach-Object: {cmdletClock.Elapsed.TotalSeconds:0.00} s");
        _output.WriteLine($"Live heap growth while streaming (peak): {peakStreaming / 1024.0:N0} KiB");
        _output.WriteLine($"Live heap growth with the whole list kept: {held / 1024.0 / 1024.0:N1} MiB ({held / (double)Members:N0} bytes per member)");

        // Streaming keeps about one page; the kept list is the member list itself.
        Assert.True(peakStreaming < 4 * 1024 * 1024, $"streaming grew the heap by {peakStreaming:N0} bytes");
        Assert.True(held > 10 * peakStreaming, $"kept list {held:N0} bytes vs streaming {peakStreaming:N0} bytes");
    }

    private static async Task<(TimeSpan Elapsed, int Changes)> SyncOnceAsync(Core.Connection.OktaConnection connection, string storePath)
    {
        var clock = Stopwatch.StartNew();
        var sync = new Core.RoleSync.RoleSynchronizer(connection.Transport,
            Core.RoleSync.RoleMappingParser.FromDictionary(new System.Collections.Hashtable { ["Large"] = "Operator" }), new Core.RoleSync.RoleSyncOptions());
        var groups = await sync.ReadOktaAsync(null, CancellationToken.None);
        using var store = Core.RoleSync.JsonRoleStore.Open(storePath);
        var results = Core.RoleSync.RoleSynchronizer.Apply(sync.Plan(groups, store), store, force: false, _ => Core.RoleSync.ChangeApproval.Apply);
        Assert.All(results, r => Assert.Equal(Core.RoleSync.RoleChangeOutcome.Applied, r.OutcomeKind));
        return (clock.Elapsed, results.Count);
    }

    private static long LiveBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
