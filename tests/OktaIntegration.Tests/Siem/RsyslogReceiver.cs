using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace OktaIntegration.Tests.Siem;

/// <summary>
/// A real rsyslogd for a test: started in the foreground (-n) with its own config, pid file and
/// work directory in a temp folder, imtcp on a loopback port (plain, or TLS through gtls with the
/// given certificates), and omfile writing each received message (rawmsg, one a line) to a file.
/// Disposing kills it. <see cref="MissingReason"/> says why the tests that need it are skipped.
/// </summary>
internal sealed class RsyslogReceiver : IDisposable
{
    public const string Executable = "/usr/sbin/rsyslogd";

    private readonly Process _process;
    private readonly StringBuilder _stderr;

    private RsyslogReceiver(Process process, StringBuilder stderr, int port, string outputFile)
    {
        _process = process;
        _stderr = stderr;
        Port = port;
        OutputFile = outputFile;
    }

    public int Port { get; }

    /// <summary>Where rsyslog writes every message it received, one a line, as received (no framing).</summary>
    public string OutputFile { get; }

    /// <summary>Why the real-receiver tests cannot run here, or null when they can.</summary>
    public static string? MissingReason =>
        !OperatingSystem.IsLinux() ? "rsyslog tests run on Linux only." :
        !File.Exists(Executable) ? $"rsyslogd is not installed ({Executable} missing): install the Debian packages rsyslog and rsyslog-gnutls (.ci/run does) to run the real syslog receiver tests." :
        GnuTlsModule() == null ? "rsyslog's GnuTLS driver (lmnsd_gtls.so) is missing: install the Debian package rsyslog-gnutls (.ci/run does) to run the real syslog receiver tests." :
        null;

    private static string? GnuTlsModule() => new[] { "/usr/lib/x86_64-linux-gnu/rsyslog", "/usr/lib/aarch64-linux-gnu/rsyslog", "/usr/lib/rsyslog", "/usr/lib64/rsyslog" }
        .Select(d => Path.Combine(d, "lmnsd_gtls.so")).FirstOrDefault(File.Exists);

    /// <summary>A loopback port free right now (for a receiver started later, or one that is down).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts rsyslogd in <paramref name="folder"/> and waits until it listens. TLS when certificates are given.</summary>
    public static async Task<RsyslogReceiver> StartAsync(string folder, TestCertificates? tls = null, int? port = null)
    {
        Directory.CreateDirectory(folder);
        var work = Path.Combine(folder, "work");
        Directory.CreateDirectory(work);
        var output = Path.Combine(folder, "received.log");
        var chosen = port ?? FreePort();
        var input = $"input(type=\"imtcp\" address=\"127.0.0.1\" port=\"{chosen}\" ruleset=\"received\"";
        if (tls != null)
        {
            input += $" streamDriver.name=\"gtls\" streamDriver.mode=\"1\" streamDriver.authMode=\"anon\""
                + $" streamDriver.CAFile=\"{tls.CaPath}\" streamDriver.CertFile=\"{tls.ServerCertificatePath}\" streamDriver.KeyFile=\"{tls.ServerKeyPath}\"";
        }
        input += ")";
        var config = Path.Combine(folder, "rsyslog.conf");
        File.WriteAllText(config, string.Join("\n",
            $"global(workDirectory=\"{work}\" maxMessageSize=\"64k\")",
            "module(load=\"imtcp\")",
            "template(name=\"asReceived\" type=\"string\" string=\"%rawmsg%\\n\")",
            $"ruleset(name=\"received\") {{ action(type=\"omfile\" file=\"{output}\" template=\"asReceived\") }}",
            input,
            string.Empty));
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-n", "-f", config, "-i", Path.Combine(folder, "rsyslogd.pid") }) start.ArgumentList.Add(a);
        var stderr = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var receiver = new RsyslogReceiver(process, stderr, chosen, output);
        try
        {
            await receiver.WaitUntilListeningAsync();
        }
        catch
        {
            receiver.Dispose();
            throw;
        }
        return receiver;
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"rsyslogd exited with {_process.ExitCode}: {Errors}");
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>What rsyslogd wrote to stderr (its own errors), for assertion messages.</summary>
    public string Errors
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    /// <summary>
    /// The received messages, once at least <paramref name="count"/> are in the file. The batch was
    /// acknowledged when imtcp had read it; omfile writes it a moment later from rsyslog's queue.
    /// </summary>
    public async Task<List<string>> MessagesAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var lines = Lines();
            if (lines.Count >= count || DateTime.UtcNow > deadline) return lines;
            await Task.Delay(50);
        }
    }

    public List<string> Lines()
    {
        if (!File.Exists(OutputFile)) return new List<string>();
        using var stream = new FileStream(OutputFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        var complete = text.EndsWith('\n') ? text : text.Substring(0, text.LastIndexOf('\n') + 1);
        return complete.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
