using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Emulator;

namespace OktaIntegration.Benchmarks;

public sealed class SystemLogBenchmarkOptions
{
    public int Events { get; set; } = 200_000;

    public int RateLimit { get; set; } = 30;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Requests made in the rate-limited part (150 = five 30-request windows).</summary>
    public int RateLimitedRequests { get; set; } = 150;

    /// <summary>Paired floor/reader rounds in part 1.</summary>
    public int Rounds { get; set; } = 5;
}

/// <summary>
/// The System Log benchmark. Part 1 serves N events from the emulator with no rate limit and
/// compares the Core reader's end-to-end rate with a floor measured in the same run (plain
/// HttpClient following the same next links and only parsing each page with JsonDocument), and
/// records the reader's peak managed memory above the baseline at N/4 and N events (streaming
/// keeps it flat). Part 2 limits /api/v1/logs and measures the request rate the reader sustains
/// against the ceiling the limit allows, and how many 429s it provoked.
/// </summary>
public sealed class SystemLogBenchmark
{
    private const string Token = "00BenchmarkToken-0123456789abcdef";
    private readonly SystemLogBenchmarkOptions _options;

    public SystemLogBenchmark(SystemLogBenchmarkOptions options)
    {
        _options = options;
    }

    public async Task<int> RunAsync()
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}");
        var (ratio, peakPer100k) = await ThroughputAsync();
        var efficiency = await RateLimitedAsync();
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "systemlog_ratio_to_floor={0:0.000} ratelimit_efficiency={1:0.000} peak_mb_per_100k={2:0.00}", ratio, efficiency, peakPer100k));
        return 0;
    }

    private async Task<(double Ratio, double PeakPer100k)> ThroughputAsync()
    {
        var options = new EmulatorOptions { EventCount = _options.Events, UserCount = 200, EventSpan = TimeSpan.FromDays(20) };
        options.ApiTokens.Add(Token);
        options.RateLimits["/api/v1/logs"] = new RateLimitRule(int.MaxValue, TimeSpan.FromMinutes(1));
        var setup = Stopwatch.StartNew();
        await using var emulator = await OktaEmulator.StartAsync(options);
        Console.WriteLine($"emulator: {_options.Events:N0} events generated and served from {emulator.BaseUrl} (setup {setup.Elapsed.TotalSeconds:0.0} s)");
        var since = DateTimeOffset.UtcNow.AddDays(-21);
        var firstPage = new Uri(emulator.BaseUrl, $"api/v1/logs?since={Uri.EscapeDataString(SystemLogQuery.Format(since))}&limit=1000");

        using var connection = await OktaConnectionFactory.ConnectAsync(new OktaConnectionSettings
        {
            OrgUrl = emulator.BaseUrl.ToString(),
            AuthenticationType = AuthenticationType.ApiToken,
            ApiToken = Token,
        }, CancellationToken.None);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("SSWS", Token);

        // Warm-up (JIT tiers, connections, GC budgets): one full pass each, not measured.
        await FloorAsync(http, firstPage, int.MaxValue);
        await ReaderAsync(connection, since, null);

        // Paired rounds, alternating which goes first, so load from other processes on the
        // machine hits both sides alike; the figure is the median of the per-round ratios.
        var floorRates = new List<double>();
        var readerRates = new List<double>();
        var ratios = new List<double>();
        long peak = 0, peakQuarter = 0;
        for (var round = 0; round < _options.Rounds; round++)
        {
            (long Events, double Rate) floor;
            (long Events, double Rate, long PeakBytes) reader;
            if (round % 2 == 0)
            {
                floor = await FloorAsync(http, firstPage, int.MaxValue);
                reader = await ReaderAsync(connection, since, null);
            }
            else
            {
                reader = await ReaderAsync(connection, since, null);
                floor = await FloorAsync(http, firstPage, int.MaxValue);
            }
            Check(floor.Events, "floor");
            Check(reader.Events, "reader");
            floorRates.Add(floor.Rate);
            readerRates.Add(reader.Rate);
            ratios.Add(reader.Rate / floor.Rate);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "round {0}: floor {1:N0} events/s, reader {2:N0} events/s, ratio {3:0.000}", round + 1, floor.Rate, reader.Rate, reader.Rate / floor.Rate));
        }
        // Memory passes (not timed): live managed heap above the baseline, measured with a full
        // collection every 10 pages, at a quarter of the log and at all of it.
        peakQuarter = (await ReaderAsync(connection, since, _options.Events / 4, measureLive: true)).PeakBytes;
        peak = (await ReaderAsync(connection, since, null, measureLive: true)).PeakBytes;

        var bestFloor = floorRates.Max();
        var bestReader = readerRates.Max();
        ratios.Sort();
        var ratio = ratios[ratios.Count / 2];
        var peakMb = peak / (1024.0 * 1024.0);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "floor_events_per_second={0:0} (best round)", bestFloor));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "reader_events_per_second={0:0} (best round)", bestReader));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "reader_ratio_to_floor={0:0.000} (median of {1} paired rounds; goal >= 0.8)", ratio, ratios.Count));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "reader_peak_managed_mb_at_{0}_events={1:0.0}", _options.Events / 4, peakQuarter / (1024.0 * 1024.0)));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "reader_peak_managed_mb_at_{0}_events={1:0.0} (live heap above baseline; flat in N = streaming)", _options.Events, peakMb));
        return (ratio, peakMb / (_options.Events / 100_000.0));

        void Check(long count, string who)
        {
            if (count != _options.Events) throw new InvalidOperationException($"The {who} read {count} events, expected {_options.Events}.");
        }
    }

    /// <summary>The floor: plain HttpClient, next links followed, each page only parsed with JsonDocument.</summary>
    private static async Task<(long Events, double Rate)> FloorAsync(HttpClient http, Uri first, int maxEvents)
    {
        var clock = Stopwatch.StartNew();
        long events = 0;
        var uri = first;
        while (events < maxEvents)
        {
            using var response = await http.GetAsync(uri);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync();
            using (var doc = JsonDocument.Parse(body))
            {
                var count = doc.RootElement.GetArrayLength();
                if (count == 0) break;
                events += count;
            }
            uri = NextLink(response) ?? throw new InvalidOperationException("A polling page came without a next link.");
        }
        return (events, events / clock.Elapsed.TotalSeconds);
    }

    /// <summary>The Core reader end to end: transport, paging, parsing into OktaLogEvent, dedupe.</summary>
    private static async Task<(long Events, double Rate, long PeakBytes)> ReaderAsync(OktaConnection connection, DateTimeOffset since, long? first, bool measureLive = false)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        var query = new SystemLogQuery { Since = since, PageSize = 1000, First = first };
        var reader = new SystemLogReader(connection.Transport, query);
        var clock = Stopwatch.StartNew();
        long events = 0;
        long checksum = 0;
        var pages = 0;
        while (await reader.ReadNextPageAsync() is { } page)
        {
            foreach (var e in page.Events)
            {
                // Touch what a SIEM forwarder would: identity, type, time, actor.
                checksum += e.Uuid.Length + (e.EventType?.Length ?? 0) + (e.ActorId?.Length ?? 0) + e.Published.Millisecond;
            }
            events += page.Events.Count;
            if (measureLive && ++pages % 10 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
        }
        var rate = events / clock.Elapsed.TotalSeconds;
        GC.KeepAlive(checksum);
        return (events, rate, peak);
    }

    /// <summary>
    /// Part 2: /api/v1/logs limited to L requests per W. The ceiling is L/W requests a second;
    /// the achieved rate is measured over whole windows, from the first request of the second
    /// window to the first request of the last, using the emulator's own request times.
    /// </summary>
    private async Task<double> RateLimitedAsync()
    {
        var events = _options.RateLimitedRequests * 1000 + 1000;
        var options = new EmulatorOptions { EventCount = events, UserCount = 50, EventSpan = TimeSpan.FromDays(20) };
        options.ApiTokens.Add(Token);
        options.RateLimits["/api/v1/logs"] = new RateLimitRule(_options.RateLimit, _options.RateWindow);
        await using var emulator = await OktaEmulator.StartAsync(options);
        using var connection = await OktaConnectionFactory.ConnectAsync(new OktaConnectionSettings
        {
            OrgUrl = emulator.BaseUrl.ToString(),
            AuthenticationType = AuthenticationType.ApiToken,
            ApiToken = Token,
        }, CancellationToken.None);
        var query = new SystemLogQuery { Since = DateTimeOffset.UtcNow.AddDays(-21), PageSize = 1000 };
        var reader = new SystemLogReader(connection.Transport, query);
        var clock = Stopwatch.StartNew();
        var requests = 0;
        while (requests < _options.RateLimitedRequests && await reader.ReadNextPageAsync() is { })
        {
            requests++;
        }
        var elapsed = clock.Elapsed;
        var times = emulator.Requests.ForPath("/api/v1/logs").Where(r => r.Status == 200).Select(r => r.At).OrderBy(t => t).ToList();
        var windowStarts = WindowStarts(times, _options.RateWindow);
        var ceiling = _options.RateLimit / _options.RateWindow.TotalSeconds;
        double achieved;
        if (windowStarts.Count >= 3)
        {
            // Whole windows from the second on (the first starts on the whole second before the
            // first request, so it is shorter), timed from the whole second each window starts
            // on, as the emulator counts them: time the client spends waiting past a reset
            // counts against it.
            var firstStart = WholeSecond(windowStarts[1].At);
            var lastStart = WholeSecond(windowStarts[^1].At);
            var inFull = windowStarts[^1].Index - windowStarts[1].Index;
            achieved = inFull / (lastStart - firstStart).TotalSeconds;
        }
        else
        {
            achieved = requests / elapsed.TotalSeconds;
        }
        var efficiency = achieved / ceiling;
        var perWindow = windowStarts.Select((w, k) => (k + 1 < windowStarts.Count ? windowStarts[k + 1].Index : times.Count) - w.Index);
        Console.WriteLine("ratelimit_requests_per_window=" + string.Join(",", perWindow) + " window_starts=" + string.Join(",", windowStarts.Select(w => w.At.ToString("ss.fff", CultureInfo.InvariantCulture))));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "ratelimit: {0} requests per {1:0.#} s => ceiling {2:0.00} requests/s ({3:N0} events/s at 1000 a page)", _options.RateLimit, _options.RateWindow.TotalSeconds, ceiling, ceiling * 1000));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "ratelimit_requests={0} in {1:0.0} s over {2} windows; achieved {3:0.00} requests/s ({4:N0} events/s)", requests, elapsed.TotalSeconds, windowStarts.Count, achieved, achieved * 1000));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "ratelimit_429_provoked={0}", emulator.RateLimits.Rejected));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "ratelimit_efficiency={0:0.000} (goal >= 0.9 with no 429)", efficiency));
        return efficiency;
    }

    /// <summary>The emulator's windows: each starts on the whole second of the first request after the previous one ended.</summary>
    private static List<(DateTimeOffset At, int Index)> WindowStarts(List<DateTimeOffset> times, TimeSpan window)
    {
        var starts = new List<(DateTimeOffset, int)>();
        DateTimeOffset end = DateTimeOffset.MinValue;
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

    private static Uri? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("link", out var values)) return null;
        foreach (var value in values)
        {
            if (!value.Contains("rel=\"next\"")) continue;
            var open = value.IndexOf('<');
            var close = value.IndexOf('>');
            if (open >= 0 && close > open) return new Uri(value.Substring(open + 1, close - open - 1));
        }
        return null;
    }
}
