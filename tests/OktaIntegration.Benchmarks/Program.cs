using System;
using System.Globalization;
using System.Threading.Tasks;
using OktaIntegration.Benchmarks;

// dotnet run -c Release --project tests/OktaIntegration.Benchmarks -- systemlog [--events N] [--limit N/S]
//                                                                  -- export [--events N] [--rounds N] [--orgs N]
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
        }
    }
    return await export.RunAsync();
}
if (args.Length > 0 && args[0] == "parse")
{
    ParseBenchmark.Run();
    return 0;
}
if (args.Length == 0 || args[0] != "systemlog")
{
    Console.Error.WriteLine("Usage: OktaIntegration.Benchmarks systemlog [--events 200000] [--rounds 5] [--rate-limit 30/3] [--rate-requests 150]");
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
