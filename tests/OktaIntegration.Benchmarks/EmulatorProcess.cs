using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;

namespace OktaIntegration.Benchmarks;

/// <summary>
/// The emulator program in a process of its own (the build of src/OktaIntegration.Emulator that
/// this benchmark's build made), so the server's work is not counted against either client.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<EmulatorProcess> StartAsync(string root, string token, int events, string groupName, int groupMembers)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(root, "src", "OktaIntegration.Emulator", "bin", configuration, "net10.0", "OktaIntegration.Emulator.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"The emulator build {dll} is missing (it is built with this benchmark).", dll);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            dll, "--urls", "http://127.0.0.1:0", "--api-token", token, "--events", events.ToString(CultureInfo.InvariantCulture), "--users", "200",
            "--group", $"{groupName}={groupMembers.ToString(CultureInfo.InvariantCulture)}",
            "--rate-limit", "/api/v1/logs=1000000000/60", "--rate-limit", "/api/v1/groups*=1000000000/60", "--rate-limit", "/api/v1/users*=1000000000/60",
        })
        {
            start.ArgumentList.Add(a);
        }
        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            const string Ready = "Emulator listening on ";
            if (line.StartsWith(Ready, StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return new EmulatorProcess(process, line.Substring(Ready.Length).Trim());
            }
        }
        throw new InvalidOperationException($"The emulator exited ({process.ExitCode}) before it listened.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
