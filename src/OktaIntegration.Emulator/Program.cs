using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Emulator;

// The emulator as a program, for the demo, benchmarks and users testing their own runbooks:
//   dotnet run --project src/OktaIntegration.Emulator -- --urls http://127.0.0.1:8080 --api-token secret
// Prints one line "Emulator listening on <url>" once it accepts requests, then runs until Ctrl+C.
try
{
    var (options, url) = EmulatorCommandLine.Parse(args);
    await using var emulator = await OktaEmulator.StartAsync(options, url);
    foreach (var (name, members) in options.GeneratedGroups) emulator.Org.AddGeneratedGroup(name, members);
    if (options.ScenarioLabelsPath != null)
        File.WriteAllText(options.ScenarioLabelsPath, System.Text.Json.JsonSerializer.Serialize(emulator.SystemLog.ScenarioLabels, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"Emulator listening on {emulator.BaseUrl.ToString().TrimEnd('/')}");
    Console.Out.Flush();
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
    AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
    }
    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(EmulatorCommandLine.Usage);
    return 2;
}
