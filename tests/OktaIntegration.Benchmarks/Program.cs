using System;
using System.Globalization;
using System.Threading.Tasks;
using OktaIntegration.Benchmarks;

// dotnet run -c Release --project tests/OktaIntegration.Benchmarks -- systemlog [--events N] [--limit N/S]
// dotnet run -c Release --project tests/OktaIntegration.Benchmarks -- pwsh [--events N] [--members N] [--rounds N]
//   (needs the built module: dotnet pwsh ./build.ps1)
// dotnet run -c Release --project tests/OktaIntegration.Benchmarks -- detect [--users 1500] [--days 12] [--rounds 3]
if (args.Length > 0 && args[0] == "detect")
{
    int users = 1500, days = 12, rounds = 3;
    for (var i = 1; i + 1 < args.Length; i += 2)
    {
        var n = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
        if (args[i] == "--users") users = n;
        else if (args[i] == "--days") days = n;
        else if (args[i] == "--rounds") rounds = n;
    }
    return DetectBenchmark.Run(users, days, rounds);
}
// dotnet run -c Release --project tests/OktaIntegration.Benchmarks -- export [--events N] [--rounds N] [--orgs N] [--part throughput|normalize|multiorg]
if (args.Length > 0 && args[0] == "export")
{
    var export = new ExportBenchmark();
    for (var i = 1; i + 1 < args.Length; i += 2)
    {
        switch (args[i])
        {
            case "--events": export.Events = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
            case "--rounds": export.Rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
            case "--orgs": export.Orgs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
            case "--part": export.Part = args[i + 1]; break;
        }
    }
    return await export.RunAsync();
}
// dotnet run -c Release --project tests/OktaIntegration.Benchmarks -- cursor [--pages 300]
if (args.Length > 0 && args[0] == "cursor")
{
    CursorBenchmark.Run(args.Length > 2 && args[1] == "--pages" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300);
    return 0;
}
if (args.Length > 0 && args[0] == "parse")
{
    ParseBenchmark.Run();
    return 0;
}
if (args.Length > 0 && args[0] == "posture")
{
    // dotnet run -c Release --project tests/OktaIntegration.Benchmarks -- posture [--users 20000] [--rate-limit 2000/60] [--latency-ms 120] [--parallel 8]
    var posture = new PostureBenchmarkOptions();
    for (var i = 1; i < args.Length; i++)
    {
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        switch (args[i])
        {
            case "--users": posture.Users = int.Parse(Next(), CultureInfo.InvariantCulture); break;
            case "--parallel": posture.Parallelism = int.Parse(Next(), CultureInfo.InvariantCulture); break;
            case "--latency-ms": posture.Latency = TimeSpan.FromMilliseconds(int.Parse(Next(), CultureInfo.InvariantCulture)); break;
            case "--rate-limit":
            {
                var parts = Next().Split('/');
                posture.RateLimit = int.Parse(parts[0], CultureInfo.InvariantCulture);
                posture.RateWindow = TimeSpan.FromSeconds(double.Parse(parts[1], CultureInfo.InvariantCulture));
                break;
            }
            default:
                Console.Error.WriteLine($"Unknown option {args[i]}");
                return 2;
        }
    }
    return await new PostureBenchmark(posture).RunAsync();
}
if (args.Length > 0 && args[0] == "pwsh")
{
    var pwsh = new PwshBenchmarkOptions();
    for (var i = 1; i < args.Length; i++)
    {
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        switch (args[i])
        {
            case "--events": pwsh.Events = int.Parse(Next(), CultureInfo.InvariantCulture); break;
            case "--members": pwsh.GroupMembers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
            case "--rounds": pwsh.Rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
            case "--first-call-runs": pwsh.FirstCallRuns = int.Parse(Next(), CultureInfo.InvariantCulture); break;
            default:
                Console.Error.WriteLine($"Unknown option {args[i]}");
                return 2;
        }
    }
    return await new PwshBenchmark(pwsh).RunAsync();
}
if (args.Length == 0 || args[0] != "systemlog")
{
    Console.Error.WriteLine("Usage: OktaIntegration.Benchmarks systemlog [--events 200000] [--rounds 5] [--rate-limit 30/3] [--rate-requests 150]\n       OktaIntegration.Benchmarks pwsh [--events 200000] [--members 50000] [--rounds 3] [--first-call-runs 5]\n       OktaIntegration.Benchmarks detect [--users 1500] [--days 12] [--rounds 3]\n       OktaIntegration.Benchmarks posture [--users 20000] [--rate-limit 2000/60] [--latency-ms 120] [--parallel 8]");
    return 2;
}
var options = new SystemLogBenchmarkOptions();
for (var i = 1; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--events": options.Events = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--rounds": options.Rounds = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--rate-requests": options.RateLimitedRequests = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--rate-limit":
        {
            var parts = Value().Split('/');
            options.RateLimit = int.Parse(parts[0], CultureInfo.InvariantCulture);
            options.RateWindow = TimeSpan.FromSeconds(double.Parse(parts[1], CultureInfo.InvariantCulture));
            break;
        }
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}");
            return 2;
    }
}
return await new SystemLogBenchmark(options).RunAsync();
