using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.Storage;
using OktaIntegration.Core.SystemLog;
using Xunit;

namespace OktaIntegration.Tests.Review;

/// <summary>Review of 06aa62a..main: the paths checked and found sound, kept as tests.</summary>
public class Review2Tests
{
    private sealed class Page
    {
        public Page(int number) => Number = number;

        public int Number { get; }
    }

    [Fact]
    public async Task ReadAhead_a_cancelled_run_neither_hangs_nor_leaves_the_loop_running()
    {
        using var cts = new CancellationTokenSource();
        var asked = 0;
        var ahead = new ExportReadAhead<Page>(_ => Task.FromResult<Page?>(new Page(Interlocked.Increment(ref asked))), _ => false, depth: 2, cts.Token);
        Assert.Equal(1, (await ahead.TakeAsync(cts.Token))!.Number);
        cts.Cancel(); // the loop is blocked on a free slot or preparing: either way it must end
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ahead.TakeAsync(cts.Token));
        await ahead.StopAsync();
        var after = Volatile.Read(ref asked);
        Assert.InRange(after, 2, 3);
        await Task.Delay(50);
        Assert.Equal(after, Volatile.Read(ref asked));
    }

    [Fact]
    public async Task ReadAhead_a_failure_after_the_last_taken_page_surfaces_once_with_depth_one()
    {
        var asked = 0;
        var ahead = new ExportReadAhead<Page>(async token =>
        {
            await Task.Yield();
            if (++asked == 2) throw new IOException("page 2");
            return new Page(asked);
        }, _ => false, depth: 1, CancellationToken.None);
        Assert.Equal(1, (await ahead.TakeAsync(CancellationToken.None))!.Number);
        Assert.Equal("page 2", (await Assert.ThrowsAsync<IOException>(() => ahead.TakeAsync(CancellationToken.None))).Message);
        await ahead.StopAsync();
        Assert.Equal(2, asked);
    }

    [Fact]
    public async Task ReadAhead_stop_waits_for_a_prepare_that_ignores_cancellation()
    {
        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = false;
        var ahead = new ExportReadAhead<Page>(async _ =>
        {
            started.TrySetResult(true);
            await release.Task;
            finished = true;
            return new Page(1);
        }, _ => true, depth: 2, CancellationToken.None);
        await started.Task;
        var stop = ahead.StopAsync();
        Assert.False(stop.IsCompleted);
        release.SetResult(true);
        await stop;
        Assert.True(finished);
    }

    [Fact]
    public void EndOfString_never_reads_past_the_span_it_is_given()
    {
        // Quotes just past the end of the slice: reading beyond the span would find one and return
        // a position past the end. Unterminated input (never given by the page reader) may throw
        // IndexOutOfRangeException, a bounds-checked read, or answer within the span.
        for (var length = 1; length <= 130; length++)
        {
            var bytes = Enumerable.Repeat((byte)'a', length + 9).ToArray();
            bytes[0] = (byte)'"';
            for (var k = length; k < bytes.Length; k++) bytes[k] = (byte)'"';
            AssertWithin(bytes, length);
            bytes[length - 1] = (byte)'\\'; // a backslash as the span's last byte
            AssertWithin(bytes, length);
        }
    }

    private static void AssertWithin(byte[] bytes, int length)
    {
        try
        {
            Assert.InRange(TrustedJsonTokens.EndOfString(new ReadOnlySpan<byte>(bytes, 0, length), 1, out _), 0, length);
        }
        catch (IndexOutOfRangeException)
        {
            // bounds-checked
        }
    }

    [Fact]
    public void DirectoryFlush_leaves_no_descriptor_open()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
        var folder = Directory.CreateTempSubdirectory("okta-flush-fd-").FullName;
        try
        {
            Assert.True(DirectoryFlush.Flush(folder));
            var before = Directory.GetFiles("/proc/self/fd").Length;
            for (var i = 0; i < 300; i++)
            {
                DirectoryFlush.Flush(folder);
                DirectoryFlush.Flush(Path.Combine(folder, "missing"));
            }
            Assert.InRange(Directory.GetFiles("/proc/self/fd").Length, 0, before + 20);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static byte[] PageWithBadUtf8(string member)
    {
        var head = Encoding.UTF8.GetBytes("[{\"uuid\":\"u1\",\"published\":\"2024-01-01T00:00:00.000Z\",\"eventType\":\"user.session.start\",\"severity\":\"INFO\"," + member + "\"");
        return head.Concat(new byte[] { 0xFF, 0xFE }).Concat(Encoding.UTF8.GetBytes("x\"}}]")).ToArray();
    }

    [Theory]
    [InlineData("\"actor\":{\"id\":\"00u1\",\"type\":\"User\",\"displayName\":")]
    [InlineData("\"client\":{\"ipAddress\":")]
    public void Envelope_parse_lets_invalid_utf8_through_where_the_full_parse_refuses_it_and_trusted_equals_validating(string member)
    {
        // Not a memory or trust problem: the trusted and validating normalizers write the same bytes.
        // A behaviour difference only: the full parse (the export before this session) refused the
        // page with InvalidOperationException; the envelope forwards the bytes as they came.
        var page = PageWithBadUtf8(member);
        Assert.Throws<InvalidOperationException>(() => LogPageParser.Parse(page, LogEventFields.All));
        var e = Assert.Single(LogPageParser.Parse(page, LogEventFields.Envelope));
        foreach (var schema in new[] { SiemSchema.Ecs, SiemSchema.Ocsf, SiemSchema.Asim })
        {
            var normalizer = SiemNormalizer.For(schema);
            Assert.Equal(Write(w => normalizer.Write(e.GetRawUtf8(), w)), Write(w => normalizer.Write(e, w)));
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms)) write(w);
        return ms.ToArray();
    }
}
