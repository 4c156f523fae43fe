using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Posture;
using OktaIntegration.Emulator;
using OktaIntegration.Emulator.Faults;

namespace OktaIntegration.Benchmarks;

public sealed class PostureBenchmarkOptions
{
    public int Users { get; set; } = 20_000;

    /// <summary>The /api/v1/users/{id}* bucket (factors included): Okta's Workforce GET /api/v1/users/{idOrLogin} limit, 2,000 a minute.</summary>
    public int RateLimit { get; set; } = 2_000;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Server time per user call, as a real org answers (loopback alone would hide the need for parallel reads).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(120);

    public int Parallelism { get; set; } = 8;
}

/// <summary>
/// The posture benchmark: an emulated org of N users with factors read for everyone
/// (Test-OktaPosture -AllUsers -Check UserWithoutMfa) under a per-minute limit on the
/// /api/v1/users/{id}* bucket and a server latency per call. It reports the factor reads' rate
/// against the ceiling the limit allows (limit ÷ window), the time against the ceiling's time,
/// and the 429s provoked (the goal is none).
/// </summary>
public sealed class PostureBenchmark
{
    private const string Token = "00BenchmarkToken-0123456789abcdef";
    private readonly PostureBenchmarkOptions _options;

    public PostureBenchmark(PostureBenchmarkOptions options)
    {
        _options = options;
    }

    public async Task<int> RunAsync()
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}");
        var options = new EmulatorOptions { EventCount = 0, UserCount = _options.Users };
        options.ApiTokens.Add(Token);
        options.RateLimits["/api/v1/users/*"] = new RateLimitRule(_options.RateLimit, _options.RateWindow);
        var seeding = Stopwatch.StartNew();
        await using var emulator = await OktaEmulator.StartAsync(options);
        emulator.Faults.Add(FaultKind.Slow, "/api/v1/users/", int.MaxValue, _options.Latency);
        // Everyone can sign in, so -AllUsers reads the factors of all N users (the seed spreads users over every status).
        lock (emulator.Org.Gate)
        {
            foreach (var user in emulator.Org.Users) user.Status = "ACTIVE";
        }
        Console.WriteLine($"emulator: {_options.Users} users seeded in {seeding.Elapsed.TotalSeconds:0.0} s; /api/v1/users/* limited to {_options.RateLimit} per {_options.RateWindow.TotalSeconds:0} s; {_options.Latency.TotalMilliseconds:0} ms per user call; {_options.Parallelism} reads in flight");
        using var connection = await OktaConnectionFactory.ConnectAsync(new OktaConnectionSettings
        {
            OrgUrl = emulator.BaseUrl.ToString(),
            AuthenticationType = AuthenticationType.ApiToken,
            ApiToken = Token,
        }, CancellationToken.None);

        var auditor = new PostureAuditor(connection.Transport, new PostureOptions
        {
            Checks = new[] { "UserWithoutMfa" },
            AllUsers = true,
            Parallelism = _options.Parallelism,
        });
        string? estimate = null;
        auditor.Estimate = (message, _) => estimate = message;
        var clock = Stopwatch.StartNew();
        var findings = await auditor.RunAsync(CancellationToken.None);
        var total = clock.Elapsed;

        // Every answered call in the limited bucket (the admin reads share it with the factor reads), in arrival order.
        var times = emulator.Requests.ForPath("/api/v1/users/").Where(r => r.Status == 200).Select(r => r.At).OrderBy(t => t).ToList();
        var factorCalls = emulator.Requests.ForPath("/api/v1/users/").Count(r => r.Path.EndsWith("/factors", StringComparison.Ordinal) && r.Status == 200);
        var windows = WindowStarts(times, _options.RateWindow);
        var ceiling = _options.RateLimit / _options.RateWindow.TotalSeconds;
        double achieved;
        if (windows.Count >= 3)
        {
            // Whole windows from the second on (the first is shared with the admin reads and starts
            // mid-second), timed from the whole second each starts on, as the emulator counts them:
            // time the client spends waiting past a reset counts against it. The last, partial
            // window is left out, as a burst there would flatter the rate.
            var first = WholeSecond(windows[1].At);
            var last = WholeSecond(windows[^1].At);
            achieved = (windows[^1].Index - windows[1].Index) / (last - first).TotalSeconds;
        }
        else
        {
            achieved = times.Count / (times[^1] - times[0]).TotalSeconds;
        }
        var efficiency = achieved / ceiling;
        var perWindow = windows.Select((w, k) => (k + 1 < windows.Count ? windows[k + 1].Index : times.Count) - w.Index);
        var ceilingTime = TimeSpan.FromSeconds(times.Count / ceiling);
        Console.WriteLine($"estimate before reading (it assumes Okta's one-minute windows): {estimate}");
        Console.WriteLine("requests_per_window=" + string.Join(",", perWindow));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "{0} calls in the limited bucket ({1} factor reads) took {2:0.0} s; the ceiling ({3:0.00}/s) allows them in {4:0.0} s; whole audit {5:0.0} s; {6} findings; 429s: {7}",
            times.Count, factorCalls, (times[^1] - times[0]).TotalSeconds, ceiling, ceilingTime.TotalSeconds, total.TotalSeconds, findings.Count, emulator.RateLimits.Rejected));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "sustained {0:0.00} calls/s over whole windows against a ceiling of {1:0.00}/s (goal >= 0.9x with no 429)", achieved, ceiling));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "posture_ratelimit_efficiency={0:0.000}", efficiency));
        return emulator.RateLimits.Rejected == 0 ? 0 : 1;
    }

    /// <summary>The emulator's windows: each starts on the whole second of the first request after the previous one ended.</summary>
    private static List<(DateTimeOffset At, int Index)> WindowStarts(List<DateTimeOffset> times, TimeSpan window)
    {
        var starts = new List<(DateTimeOffset, int)>();
        var end = DateTimeOffset.MinValue;
        for (var i = 0; i < times.Count; i++)
        {
            if (times[i] < end) continue;
            var start = WholeSecond(times[i]);
            end = start + window;
            starts.Add((times[i], i));
        }
        return starts;
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());
}
