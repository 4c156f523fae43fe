using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;
using OktaIntegration.Emulator;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Http;

/// <summary>A wait longer than 2 s (rate-limit reset, backoff) is said in Verbose and in the progress bar, so a paced run never looks hung.</summary>
public class WaitReportingTests
{
    private static void OneGroupsCallPerWindow(EmulatorOptions o) => o.RateLimits["/api/v1/groups"] = new RateLimitRule(1, TimeSpan.FromSeconds(5));

    [Fact]
    public async Task A_rate_limit_wait_is_reported_in_verbose_and_to_the_wait_log()
    {
        await using var org = await TestOrg.StartAsync(OneGroupsCallPerWindow);
        var log = new WaitCapturingLog();
        using var connection = await org.ConnectSswsAsync(log);
        var groups = new Uri(org.BaseUrl, "api/v1/groups?limit=1");
        await connection.Transport.SendAsync(new OktaRequest(HttpMethodKind.Get, groups), CancellationToken.None);
        await connection.Transport.SendAsync(new OktaRequest(HttpMethodKind.Get, groups), CancellationToken.None);

        var line = Assert.Single(log.Lines, l => l.StartsWith("VERBOSE: waiting ", StringComparison.Ordinal));
        Assert.Matches(@"^VERBOSE: waiting \d+ s for the rate limit to reset \(X-Rate-Limit-Reset\)$", line);
        var (duration, reason) = Assert.Single(log.Waits);
        Assert.True(duration > OktaTransport.NoticeableWait);
        Assert.Equal("for the rate limit to reset (X-Rate-Limit-Reset)", reason);
        Assert.Equal(1, log.Ended);
    }

    [Fact]
    public async Task A_cmdlet_shows_the_wait_in_its_progress_stream()
    {
        await using var org = await TestOrg.StartAsync(OneGroupsCallPerWindow);
        using var connection = await org.ConnectSswsAsync();
        using var session = new PowerShellSession();
        using var ps = PowerShell.Create();
        ps.Runspace = session.Runspace;
        session.Runspace.SessionStateProxy.SetVariable("c", connection);
        ps.AddScript("$null = Get-OktaGroup -Connection $c; $null = Get-OktaGroup -Connection $c");
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        var waiting = ps.Streams.Progress.First(p => p.RecordType == ProgressRecordType.Processing && p.Activity == "Waiting for Okta");
        Assert.Matches(@"^waiting \d+ s for the rate limit to reset \(X-Rate-Limit-Reset\)$", waiting.StatusDescription);
        Assert.Contains(ps.Streams.Progress, p => p.RecordType == ProgressRecordType.Completed && p.ActivityId == waiting.ActivityId);
    }

    private sealed class WaitCapturingLog : ITransportLog, ITransportWaitLog
    {
        private readonly CapturingLog _lines = new();
        private readonly List<(TimeSpan, string)> _waits = new();

        public IReadOnlyList<string> Lines => _lines.Lines;

        public IReadOnlyList<(TimeSpan Duration, string Reason)> Waits
        {
            get { lock (_waits) return _waits.ToArray(); }
        }

        public int Ended;

        public void Verbose(string message) => _lines.Verbose(message);

        public void Debug(string message) => _lines.Debug(message);

        public void Warning(string message) => _lines.Warning(message);

        public void WaitStarted(TimeSpan duration, string reason)
        {
            lock (_waits) _waits.Add((duration, reason));
        }

        public void WaitEnded() => Interlocked.Increment(ref Ended);
    }
}
