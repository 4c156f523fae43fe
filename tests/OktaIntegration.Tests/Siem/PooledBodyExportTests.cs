using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Emulator.Faults;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using static OktaIntegration.Tests.SystemLog.SystemLogTestKit;

namespace OktaIntegration.Tests.Siem;

/// <summary>
/// The export reuses page bodies (ResponseBodyPool) once a page is acknowledged. Every event is a
/// slice of its page's body, so a body reused too early would put another page's bytes in its place:
/// these tests compare what arrives, byte for byte, with what Okta sent.
/// </summary>
public sealed class PooledBodyExportTests : ExportTestFolder
{
    public PooledBodyExportTests()
        : base("okta-pooled-")
    {
    }

    [Fact]
    public async Task A_Raw_export_through_reused_bodies_writes_every_event_byte_for_byte()
    {
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 1000);
        using var connection = await org.ConnectSswsAsync();
        var sent = await OktaBytesByUuid(connection);
        Assert.Equal(GroundTruth(org).Count, sent.Count);

        var (exporter, lines) = await ExportRawSlowly(connection, TimeSpan.FromMilliseconds(15));
        Assert.True(exporter.Bodies.Reuses >= 10, $"only {exporter.Bodies.Reuses} of 20 pages were read into a reused body");
        AssertOktasBytesOnceEach(sent, lines);
    }

    [Fact]
    public async Task Pages_read_again_after_a_cut_body_a_reset_a_429_and_a_500_still_arrive_byte_for_byte_through_reused_bodies()
    {
        // A failed attempt's body (cut short, reset mid-read) is read into a rented array too: it must
        // never reach the pool while anything holds it, nor make a page of another's bytes. A rate
        // limit window of a second, so the 429's reset is near.
        const string logs = "/api/v1/logs";
        await using var org = await TestOrg.StartAsync(o =>
        {
            o.EventCount = 1000;
            o.RateLimits[logs] = new OktaIntegration.Emulator.RateLimitRule(10_000, TimeSpan.FromSeconds(1));
        });
        using var connection = await org.ConnectSswsAsync();
        var sent = await OktaBytesByUuid(connection);
        org.Emulator.Faults.Add(FaultKind.TruncatedJson, logs, count: 2, skip: 2);
        org.Emulator.Faults.Add(FaultKind.ResetMidBody, logs, skip: 7);
        org.Emulator.Faults.Add(FaultKind.RateLimit, logs, skip: 11);
        org.Emulator.Faults.Add(FaultKind.ServerError, logs, skip: 15);
        var requestsBefore = org.Emulator.Requests.ForPath(logs).Count;

        var (exporter, lines) = await ExportRawSlowly(connection, TimeSpan.FromMilliseconds(10));
        Assert.True(exporter.Bodies.Reuses >= 5, $"only {exporter.Bodies.Reuses} pages were read into a reused body");
        var statuses = org.Emulator.Requests.ForPath(logs).Skip(requestsBefore).Select(r => r.Status).ToList();
        Assert.Contains(429, statuses);
        Assert.Contains(500, statuses);
        Assert.True(statuses.Count >= 20 + 5, $"{statuses.Count} requests: the failed attempts were not read again");
        AssertOktasBytesOnceEach(sent, lines);
    }

    [Fact]
    public void A_spare_is_rented_only_when_it_fits_and_the_pool_stays_bounded()
    {
        var pool = new ResponseBodyPool();
        var small = pool.Rent(1000);
        Assert.True(small.Length >= 1000);
        pool.Return(small);
        var larger = pool.Rent(small.Length + 1); // the small spare does not fit: dropped, a fresh array
        Assert.NotSame(small, larger);
        Assert.Equal(0, pool.Reuses);
        Assert.Equal(0, pool.Spares);

        pool.Return(larger);
        Assert.Same(larger, pool.Rent(1000)); // a spare larger than asked for is fine
        Assert.Equal(1, pool.Reuses);

        for (var i = 0; i < 20; i++) pool.Return(new byte[10]);
        Assert.True(pool.Spares < 20, "the pool keeps only a few spares");
    }

    [Fact]
    public async Task A_body_without_a_length_is_read_whole_through_the_pool_as_it_grows()
    {
        // Chunked, no Content-Length (as a proxy or compression may send it): the read starts at
        // 64 KB and grows; each outgrown array goes back to the pool, and the bytes stay in order.
        var body = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 3000).Select(i => $"{{\"uuid\":\"u{i}\",\"published\":\"2024-08-13T15:58:20.353Z\",\"pad\":\"{new string('x', 100)}\"}}")) + "]");
        Assert.True(body.Length > 4 * 64 * 1024);
        using var transport = new OktaTransport(OrgUrl.Parse("https://example.okta.com"), null, handler: new UnsizedBody(body));
        var pool = new ResponseBodyPool();
        var request = new OktaRequest(HttpMethodKind.Get, new Uri("https://example.okta.com/api/v1/logs")) { BodyPool = pool, Authenticate = false };
        var (read, events) = await transport.SendAsync(request, r => (r.BodyMemory.ToArray(), LogPageParser.Parse(r.BodyMemory, LogEventFields.Envelope)), CancellationToken.None);
        Assert.Equal(body, read);
        Assert.Equal(3000, events.Count);
        Assert.True(pool.Spares > 0, "the outgrown arrays were handed back");
    }

    /// <summary>
    /// A Raw export in pages of 50 to NDJSON files, each send waiting a little, so the read-ahead
    /// fills up and later pages are read into the bodies of pages acknowledged meanwhile, while
    /// other pages are still held. Returns the exporter and the lines written.
    /// </summary>
    private async Task<(SystemLogExporter Exporter, List<string> Lines)> ExportRawSlowly(OktaConnection connection, TimeSpan perSend)
    {
        var output = Out;
        var slow = new FaultyDestination(new FileDestination(output)) { BeforeSend = _ => Task.Delay(perSend) };
        var exporter = new SystemLogExporter(connection, PollingFromStart(50), slow, FileExportTests.Fast(SiemSchema.Raw), Cursor);
        var summary = await exporter.RunAsync();
        Assert.True(summary.Succeeded, summary.Error);
        return (exporter, Directory.GetFiles(output, "*.ndjson").OrderBy(f => f, StringComparer.Ordinal).SelectMany(File.ReadAllLines).ToList());
    }

    /// <summary>Every event Okta sent, once, each line its own bytes.</summary>
    private static void AssertOktasBytesOnceEach(Dictionary<string, string> sent, List<string> lines)
    {
        Assert.Equal(sent.Count, lines.Count);
        Assert.Equal(sent.Count, lines.Select(FileExportTests.UuidOfJson).Distinct(StringComparer.Ordinal).Count());
        foreach (var line in lines)
        {
            var uuid = FileExportTests.UuidOfJson(line);
            Assert.True(sent.TryGetValue(uuid, out var original), "an event Okta never sent: " + uuid);
            Assert.Equal(original, line);
        }
    }

    /// <summary>Okta's own bytes of every event, by uuid, read without a pool.</summary>
    private static async Task<Dictionary<string, string>> OktaBytesByUuid(OktaConnection connection)
    {
        var bytes = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = new SystemLogReader(connection.Transport, PollingFromStart(1000));
        while (await reader.ReadNextPageAsync() is { } page)
        {
            foreach (var e in page.Events) bytes[e.Uuid] = Encoding.UTF8.GetString(e.GetRawUtf8().Span);
        }
        return bytes;
    }

    private sealed class UnsizedBody : HttpMessageHandler
    {
        private readonly byte[] _body;

        public UnsizedBody(byte[] body) => _body = body;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new UnseekableStream(_body)) });
    }

    /// <summary>A stream without a length, so StreamContent sends no Content-Length.</summary>
    private sealed class UnseekableStream : MemoryStream
    {
        public UnseekableStream(byte[] bytes)
            : base(bytes, writable: false)
        {
        }

        public override bool CanSeek => false;
    }
}
