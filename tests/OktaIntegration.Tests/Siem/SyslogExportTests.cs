using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Core.Siem.Syslog;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using static OktaIntegration.Tests.Siem.FileExportTests;
using static OktaIntegration.Tests.SystemLog.SystemLogTestKit;

namespace OktaIntegration.Tests.Siem;

/// <summary>
/// Export to a real rsyslogd started by each test (TCP and TLS, JSON and CEF): the set rsyslog
/// wrote is compared with the emulator's events by uuid. Skipped where rsyslog is not installed.
/// </summary>
public sealed class SyslogExportTests : ExportTestFolder
{
    public SyslogExportTests()
        : base("okta-syslog-")
    {
    }

    private static readonly Regex Rfc5424 = new(@"^<(?<pri>\d{1,3})>1 (?<time>\S+) (?<host>\S+) (?<app>\S+) (?<proc>\S+) (?<msgid>\S+) (?<sd>-|\[(?:[^\]\\]|\\.)*\]) (?<msg>.*)$", RegexOptions.Compiled);
    private static readonly Regex CefExternalId = new(@"(?:^|[^\\]) ?externalId=(?<uuid>[^ ]+)", RegexOptions.Compiled);

    private Task<SiemExportSummary> Export(OktaConnection c, ISiemDestination d, SiemSchema schema = SiemSchema.Raw, int attempts = 4) =>
        new SystemLogExporter(c, PollingFromStart(50), d, Fast(schema, attempts), Cursor).RunAsync();

    /// <summary>The Okta uuid of each received message: CEF externalId, or the schema's id field of the JSON payload.</summary>
    private static List<string> Uuids(IEnumerable<string> messages) => messages.Select(line =>
    {
        var m = Rfc5424.Match(line);
        Assert.True(m.Success, $"not an RFC 5424 message: {line}");
        var msg = m.Groups["msg"].Value;
        if (msg.StartsWith("CEF:0|", StringComparison.Ordinal)) return CefExternalId.Match(msg).Groups["uuid"].Value;
        return UuidOfJson(msg);
    }).ToList();

    [RsyslogTheory]
    [InlineData(SyslogTransport.Tcp, SyslogPayloadFormat.Json, SiemSchema.Raw)]
    [InlineData(SyslogTransport.Tcp, SyslogPayloadFormat.Cef, SiemSchema.Raw)]
    [InlineData(SyslogTransport.Tls, SyslogPayloadFormat.Json, SiemSchema.Ecs)]
    [InlineData(SyslogTransport.Tls, SyslogPayloadFormat.Cef, SiemSchema.Raw)]
    public async Task Every_event_reaches_rsyslog_once_and_a_second_run_sends_only_what_is_new(SyslogTransport transport, SyslogPayloadFormat format, SiemSchema schema)
    {
        var certificates = transport == SyslogTransport.Tls ? TestCertificates.Create(Path.Combine(Dir, "pki")) : null;
        using var rsyslog = await RsyslogReceiver.StartAsync(Path.Combine(Dir, "rsyslog"), certificates);
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var syslog = new SyslogDestination(transport == SyslogTransport.Tls ? "localhost" : "127.0.0.1", rsyslog.Port, transport, format,
            trustedCertificateAuthorityPath: certificates?.CaPath);

        var first = await Export(connection, syslog, schema);
        Assert.True(first.Succeeded, first.Error + rsyslog.Errors);
        Assert.Equal(org.Emulator.SystemLog.Count, first.Acknowledged);
        Assert.Equal(0, first.BatchesRetried);
        org.Emulator.SystemLog.AppendMany(37);
        var second = await Export(connection, syslog, schema);
        Assert.True(second.Succeeded, second.Error + rsyslog.Errors);
        Assert.Equal(37, second.Acknowledged);

        var truth = GroundTruth(org);
        var received = Uuids(await rsyslog.MessagesAsync(truth.Count));
        Assert.Equal(truth.OrderBy(u => u, StringComparer.Ordinal), received.OrderBy(u => u, StringComparer.Ordinal)); // each once, none lost
    }

    [RsyslogFact]
    public async Task Each_message_carries_the_priority_time_and_type_of_its_event()
    {
        using var rsyslog = await RsyslogReceiver.StartAsync(Path.Combine(Dir, "rsyslog"));
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var syslog = new SyslogDestination("127.0.0.1", rsyslog.Port, SyslogTransport.Tcp, facility: SyslogFacility.Local4, appName: "okta-test",
            hostName: "relay.example", structuredDataId: "okta@32473");
        var summary = await Export(connection, syslog);
        Assert.True(summary.Succeeded, summary.Error);

        var events = org.Emulator.SystemLog.Snapshot().ToDictionary(e => e.Uuid, StringComparer.Ordinal);
        var messages = await rsyslog.MessagesAsync(events.Count);
        Assert.Equal(events.Count, messages.Count);
        foreach (var line in messages)
        {
            var m = Rfc5424.Match(line);
            var uuid = Regex.Match(m.Groups["sd"].Value, "^\\[okta@32473 uuid=\"([^\"]+)\"\\]$").Groups[1].Value;
            var e = events[uuid];
            using var json = JsonDocument.Parse(e.Json);
            var severity = json.RootElement.GetProperty("severity").GetString();
            Assert.Equal(20 * 8 + Rfc5424MessageBuilder.Severity(severity), int.Parse(m.Groups["pri"].Value));
            Assert.Equal(e.Published, DateTimeOffset.Parse(m.Groups["time"].Value));
            Assert.Equal("relay.example", m.Groups["host"].Value);
            Assert.Equal("okta-test", m.Groups["app"].Value);
            Assert.Equal(Rfc5424MessageBuilder.MessageId(e.EventType), m.Groups["msgid"].Value);
            Assert.Equal(uuid, Uuids(new[] { line }).Single());
        }
    }

    [RsyslogTheory]
    [InlineData("localhost", "system store", "does not chain to a root of the system store")]
    [InlineData("localhost", "another CA", "does not chain to the CA in")]
    [InlineData("syslog.corp.example", "its CA", "does not name the server")]
    public async Task A_server_certificate_that_fails_the_check_stops_the_run_at_once_with_a_clear_error_and_no_cursor(string certifiedName, string trust, string why)
    {
        var certificates = TestCertificates.Create(Path.Combine(Dir, "pki"), serverName: certifiedName);
        var caFile = trust switch
        {
            "its CA" => certificates.CaPath,
            "another CA" => TestCertificates.Create(Path.Combine(Dir, "other"), caName: "Some Other CA").CaPath,
            _ => null,
        };
        using var rsyslog = await RsyslogReceiver.StartAsync(Path.Combine(Dir, "rsyslog"), certificates);
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var syslog = new SyslogDestination("localhost", rsyslog.Port, SyslogTransport.Tls, trustedCertificateAuthorityPath: caFile);

        var refused = await Export(connection, syslog);
        Assert.False(refused.Succeeded);
        Assert.IsType<SiemDeliveryException>(refused.GetException());
        Assert.Contains(why, refused.Error);
        Assert.Equal(0, refused.SendFailures); // refused for good at the first page: no retries
        Assert.Equal(0, refused.BatchesRetried);
        Assert.Equal(0, refused.Acknowledged);
        Assert.False(File.Exists(Cursor));
        Assert.Empty(rsyslog.Lines());
    }

    [RsyslogFact]
    public async Task A_receiver_down_at_start_stops_the_run_with_the_cursor_unmoved_and_the_next_run_delivers_everything()
    {
        var port = RsyslogReceiver.FreePort();
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        using var syslog = new SyslogDestination("127.0.0.1", port, SyslogTransport.Tcp);

        var stopped = await Export(connection, syslog, attempts: 3);
        Assert.False(stopped.Succeeded);
        Assert.IsType<SiemDeliveryException>(stopped.GetException());
        Assert.Contains("after 3 attempts", stopped.Error);
        Assert.Equal(3, stopped.SendFailures);
        Assert.Equal(0, stopped.Acknowledged);
        Assert.False(File.Exists(Cursor));

        using var rsyslog = await RsyslogReceiver.StartAsync(Path.Combine(Dir, "rsyslog"), port: port);
        var resumed = await Export(connection, syslog);
        Assert.True(resumed.Succeeded, resumed.Error);
        var truth = GroundTruth(org);
        var received = Uuids(await rsyslog.MessagesAsync(truth.Count));
        AssertNoneLost(truth, received, maxDuplicates: 0);
        Assert.Equal(truth.Count, received.Count);
    }

    [RsyslogFact]
    public async Task Several_exports_can_share_one_destination_at_once()
    {
        using var rsyslog = await RsyslogReceiver.StartAsync(Path.Combine(Dir, "rsyslog"));
        await using var a = await TestOrg.StartAsync();
        await using var b = await TestOrg.StartAsync();
        using var ca = await a.ConnectSswsAsync();
        using var cb = await b.ConnectSswsAsync();
        using var syslog = new SyslogDestination("127.0.0.1", rsyslog.Port, SyslogTransport.Tcp);
        var runs = await Task.WhenAll(
            new SystemLogExporter(ca, PollingFromStart(20), syslog, Fast(), Path.Combine(Dir, "a.cursor")).RunAsync(),
            new SystemLogExporter(cb, PollingFromStart(20), syslog, Fast(), Path.Combine(Dir, "b.cursor")).RunAsync());
        Assert.All(runs, r => Assert.True(r.Succeeded, r.Error));
        var truth = GroundTruth(a).Concat(GroundTruth(b)).ToList();
        var received = Uuids(await rsyslog.MessagesAsync(truth.Count));
        Assert.Equal(truth.OrderBy(u => u, StringComparer.Ordinal), received.OrderBy(u => u, StringComparer.Ordinal));
    }
}
