using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Core.Siem.Syslog;
using Xunit;

namespace OktaIntegration.Tests.Siem;

/// <summary>
/// What a syslog batch's acknowledgement means, against a bare TCP receiver this test controls:
/// the send completes only once the receiver has read to the end and closed; a reset is a failure.
/// </summary>
public sealed class SyslogAcknowledgementTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public SyslogAcknowledgementTests() => _listener.Start();

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose() => _listener.Stop();

    private static SiemBatch Batch(int count)
    {
        var records = new SiemRecord[count];
        for (var i = 0; i < count; i++) records[i] = new SiemRecord("uuid-" + i, DateTimeOffset.UtcNow, "user.session.start", Encoding.UTF8.GetBytes("{\"uuid\":\"uuid-" + i + "\"}"), "INFO");
        return new SiemBatch(records, SiemSchema.Raw);
    }

    private static async Task<byte[]> ReadToEndAsync(Socket socket)
    {
        using var all = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0) all.Write(buffer, 0, read);
        return all.ToArray();
    }

    [Fact]
    public async Task A_batch_is_acknowledged_only_after_the_receiver_has_read_to_the_end_and_closed()
    {
        using var syslog = new SyslogDestination("127.0.0.1", Port, SyslogTransport.Tcp);
        var send = syslog.SendAsync(Batch(200), CancellationToken.None);
        using var receiver = await _listener.AcceptSocketAsync();
        var bytes = await ReadToEndAsync(receiver); // the sender's FIN: every message is here

        Assert.False(send.IsCompleted); // still waiting: the receiver has not closed its side
        Assert.Equal(200, Encoding.UTF8.GetString(bytes).Split(" - {\"uuid\":\"uuid-").Length - 1);
        receiver.Shutdown(SocketShutdown.Both);
        var result = await send;
        Assert.All(result.Statuses, s => Assert.Equal(SiemItemStatus.Acknowledged, s));
    }

    [Fact]
    public async Task A_receiver_that_resets_before_reading_everything_leaves_the_batch_unacknowledged()
    {
        using var syslog = new SyslogDestination("127.0.0.1", Port, SyslogTransport.Tcp);
        var send = syslog.SendAsync(Batch(2000), CancellationToken.None);
        using (var receiver = await _listener.AcceptSocketAsync())
        {
            await receiver.ReceiveAsync(new byte[10], SocketFlags.None);
            receiver.LingerState = new LingerOption(true, 0); // close with a reset, the rest unread
        }
        var failure = await Assert.ThrowsAsync<IOException>(() => send);
        Assert.Contains("nothing of the batch counts as delivered", failure.Message);
    }
}
