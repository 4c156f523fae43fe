using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Groups;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Benchmarks;

public sealed class PwshBenchmarkOptions
{
    public int Events { get; set; } = 200_000;

    public int GroupMembers { get; set; } = 50_000;

    /// <summary>Timed rounds per scenario (after one warm-up round); the median is reported.</summary>
    public int Rounds { get; set; } = 3;

    /// <summary>Fresh pwsh processes for the first-call figures; the median is reported.</summary>
    public int FirstCallRuns { get; set; } = 5;
}

/// <summary>
/// What a user feels in pwsh, next to what Core can do, in one run against one emulator. The
/// emulator runs as its own process (so neither side shares a process with the server); the
/// module is the built one (out/OktaIntegration from `dotnet pwsh ./build.ps1`), loaded into a
/// fresh pwsh started through the repository's pinned PowerShell tool (`dotnet pwsh`).
/// Compared: Get-OktaSystemLog | Measure-Object, the same with -Raw, | Export-Csv, the Core
/// reader in this process, Invoke-RestMethod paging with an SSWS header; Get-OktaGroupMember
/// on a 50,000-member group next to the Core member reader; and, in fresh processes,
/// Import-Module and the first cmdlet call.
/// </summary>
public sealed class PwshBenchmark
{
    private const string Token = "00BenchmarkToken-0123456789abcdef";
    private const string GroupName = "Benchmark-Large";
    private readonly PwshBenchmarkOptions _options;
    private readonly string _root;

    public PwshBenchmark(PwshBenchmarkOptions options)
    {
        _options = options;
        _root = FindRepositoryRoot();
    }

    public async Task<int> RunAsync()
    {
        var module = Path.Combine(_root, "out", "OktaIntegration", "OktaIntegration.psd1");
        if (!File.Exists(module))
        {
            Console.Error.WriteLine($"{module} is missing: build the module first with `dotnet pwsh ./build.ps1` (from {_root}).");
            return 2;
        }
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; module {module}");
        await using var emulator = await EmulatorProcess.StartAsync(_root, Token, _options.Events, GroupName, _options.GroupMembers);
        Console.WriteLine($"emulator: separate process, {_options.Events:N0} events and a {_options.GroupMembers:N0}-member group, at {emulator.Url}");

        // A bounded range holding every seeded event (the emulator spreads them over 30 days).
        var since = DateTimeOffset.UtcNow.AddDays(-31);
        var until = DateTimeOffset.UtcNow.AddMinutes(1);
        using var connection = await OktaConnectionFactory.ConnectAsync(new OktaConnectionSettings
        {
            OrgUrl = emulator.Url,
            AuthenticationType = AuthenticationType.ApiToken,
            ApiToken = Token,
        }, CancellationToken.None);
        var group = await new GroupReader(connection.Transport).GetByNameAsync(GroupName, CancellationToken.None);

        var coreRate = Median(await RoundsAsync(() => CoreReaderAsync(connection, since, until), _options.Events, "Core reader"));
        var coreMembers = Median(await RoundsAsync(() => CoreMembersAsync(connection, group.Id), _options.GroupMembers, "Core member reader"));
        Console.WriteLine(F("core_reader_events_per_s={0:0}", coreRate));
        Console.WriteLine(F("core_member_reader_per_s={0:0}", coreMembers));

        var pwsh = await RunPwshAsync(new[]
        {
            "-Mode", "Throughput", "-Module", module, "-Url", emulator.Url, "-Token", Token,
            "-Since", since.ToString("o", CultureInfo.InvariantCulture), "-Until", until.ToString("o", CultureInfo.InvariantCulture),
            "-Events", _options.Events.ToString(CultureInfo.InvariantCulture), "-Rounds", _options.Rounds.ToString(CultureInfo.InvariantCulture),
            "-GroupId", group.Id, "-GroupMembers", _options.GroupMembers.ToString(CultureInfo.InvariantCulture),
        });
        var firstCalls = new List<Dictionary<string, double>>();
        for (var i = 0; i < _options.FirstCallRuns; i++)
        {
            firstCalls.Add(await RunPwshAsync(new[]
            {
                "-Mode", "FirstCall", "-Module", module, "-Url", emulator.Url, "-Token", Token,
                "-Since", since.ToString("o", CultureInfo.InvariantCulture), "-Until", until.ToString("o", CultureInfo.InvariantCulture),
            }));
        }
        double FirstCall(string name) => Median(firstCalls.Select(r => r[name]).ToList());

        var measure = pwsh["measure_per_s"];
        Console.WriteLine();
        Console.WriteLine("| | events/s | ratio to Core reader | goal |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine(F("| Core reader (this process) | {0:N0} | 1 | |", coreRate));
        Console.WriteLine(F("| Get-OktaSystemLog \\| Measure-Object | {0:N0} | {1:0.00} | >= 0.5 |", measure, measure / coreRate));
        Console.WriteLine(F("| Get-OktaSystemLog -Raw \\| Measure-Object | {0:N0} | {1:0.00} | >= 0.5 |", pwsh["raw_per_s"], pwsh["raw_per_s"] / coreRate));
        Console.WriteLine(F("| Get-OktaSystemLog \\| Export-Csv | {0:N0} | {1:0.00} | >= 0.25 |", pwsh["csv_per_s"], pwsh["csv_per_s"] / coreRate));
        Console.WriteLine(F("| Invoke-RestMethod, SSWS header, every page | {0:N0} | {1:0.00} | |", pwsh["irm_per_s"], pwsh["irm_per_s"] / coreRate));
        Console.WriteLine(F("| Core member reader, {0:N0} members | {1:N0} members/s | 1 | |", _options.GroupMembers, coreMembers));
        Console.WriteLine(F("| Get-OktaGroupMember \\| Measure-Object | {0:N0} members/s | {1:0.00} | |", pwsh["members_per_s"], pwsh["members_per_s"] / coreMembers));
        Console.WriteLine();
        Console.WriteLine(F("fresh pwsh (median of {0}): Import-Module {1:0} ms (goal < 150), first cmdlet call (Connect-OktaTenant) {2:0} ms (goal < 250), then Get-OktaSystemLog -First 1 {3:0} ms",
            firstCalls.Count, FirstCall("import_ms"), FirstCall("first_call_ms"), FirstCall("second_call_ms")));
        Console.WriteLine(F("pwsh_ratio_to_core={0:0.000} pwsh_events_per_s={1:0} ratio_to_irm={2:0.00} first_call_ms={3:0}",
            measure / coreRate, measure, measure / pwsh["irm_per_s"], FirstCall("first_call_ms")));
        return 0;
    }

    private async Task<List<double>> RoundsAsync(Func<Task<long>> read, long expected, string what)
    {
        var rates = new List<double>();
        for (var round = 0; round <= _options.Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var count = await read();
            var rate = count / clock.Elapsed.TotalSeconds;
            if (count != expected) throw new InvalidOperationException($"The {what} read {count}, expected {expected}.");
            if (round > 0) rates.Add(rate); // round 0 warms up
        }
        return rates;
    }

    private static async Task<long> CoreReaderAsync(OktaConnection connection, DateTimeOffset since, DateTimeOffset until)
    {
        var reader = new SystemLogReader(connection.Transport, new SystemLogQuery { Since = since, Until = until, PageSize = 1000 });
        long count = 0;
        await foreach (var page in reader.ReadPagesAsync()) count += page.Events.Count;
        return count;
    }

    private static async Task<long> CoreMembersAsync(OktaConnection connection, string groupId)
    {
        var pager = new GroupMemberReader(connection.Transport).Members(groupId, GroupName);
        long count = 0;
        while (await pager.NextPageAsync(CancellationToken.None) is { } page) count += page.Count;
        return count;
    }

    /// <summary>Runs PwshBenchmark.ps1 in a fresh `dotnet pwsh` (the pinned tool) from the repository root.</summary>
    private async Task<Dictionary<string, double>> RunPwshAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", Path.Combine(_root, "tests", "OktaIntegration.Benchmarks", "PwshBenchmark.ps1") }.Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var results = new Dictionary<string, double>(StringComparer.Ordinal);
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("RESULT ", StringComparison.Ordinal))
            {
                var eq = line.IndexOf('=');
                results[line.Substring(7, eq - 7)] = double.Parse(line.Substring(eq + 1), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("INFO ", StringComparison.Ordinal))
            {
                Console.WriteLine(line.Substring(5));
            }
        }
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pwsh failed ({process.ExitCode}): {await errors}");
        return results;
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }

    private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OktaIntegration.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Run the benchmark from the repository (OktaIntegration.sln not found above " + AppContext.BaseDirectory + ").");
    }
}
