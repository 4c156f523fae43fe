using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OktaIntegration.Emulator;

// The emulator as a program, for the demo, benchmarks and users testing their own runbooks:
//   dotnet run --project src/OktaIntegration.Emulator -- --urls http://127.0.0.1:8080 --api-token secret
// Prints one line "Emulator listening on <url>" once it accepts requests, then runs until Ctrl+C
// or SIGTERM, and exits with code 0.
try
{
    var (options, url) = EmulatorCommandLine.Parse(args);
    await using var emulator = await OktaEmulator.StartAsync(options, url);
    foreach (var (name, members) in options.GeneratedGroups) emulator.Org.AddGeneratedGroup(name, members);
    if (options.ScenarioLabelsPath != null)
        System.IO.File.WriteAllText(options.ScenarioLabelsPath, System.Text.Json.JsonSerializer.Serialize(emulator.SystemLog.ScenarioLabels, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"Emulator listening on {emulator.BaseUrl.ToString().TrimEnd('/')}");
    Console.Out.Flush();

    // The host's console lifetime already answers Ctrl+C (SIGINT), SIGTERM and SIGQUIT: it cancels
    // the signal's default action and asks the application to stop. Waiting for anything else (a
    // ProcessExit handler, for instance) would never end, because the process is no longer exiting
    // on its own: so wait for exactly that request, then stop the server on the way out.
    var lifetime = emulator.Services.GetRequiredService<IHostApplicationLifetime>();
    try
    {
        await Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping);
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
