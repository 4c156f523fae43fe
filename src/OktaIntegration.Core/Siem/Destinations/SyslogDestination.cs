using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Siem.Syslog;

namespace OktaIntegration.Core.Siem.Destinations;

/// <summary>
/// A syslog receiver (rsyslog, syslog-ng, a SIEM's syslog input): RFC 5424 messages with
/// octet-counting framing over TCP or TLS (RFC 5425), the payload JSON or CEF.
///
/// Syslog has no acknowledgement beyond TCP, so this does the strongest thing TCP offers: one
/// connection per batch, ended by a graceful close. After the last message it sends the end of
/// its stream (a TLS close_notify, then a TCP FIN) and waits for the receiver to close its side.
/// A receiver closes only after it has read everything before that end (rsyslog's imtcp does, for
/// TCP and TLS: measured with rsyslog 8.2302), and a receiver that closes with data unread resets
/// the connection instead. So a batch counts as acknowledged when the receiver's input has read
/// and parsed every message of it. That is all: not that the receiver wrote them to disk or
/// forwarded them (rsyslog queues them in memory unless configured otherwise), and a receiver
/// stopping at that moment can lose them. One race is left: a receiver closing on its own (shutting
/// down) while the end of a batch is still on the wire looks like one that read it all, if its FIN
/// arrives before the reset for the unread rest. A reset, a timeout, or any failure before the close
/// throws: nothing of the batch is known delivered and the exporter sends all of it again, so the
/// receiver can see a message twice (no dedupe: <see cref="Deduplicates"/> is false); the Okta
/// uuid is in every payload (and in the structured data when an SD-ID is configured) for dedupe
/// downstream. Each send uses its own connection and the object holds no per-send state, so
/// several exports can share one destination.
/// </summary>
public sealed class SyslogDestination : ISiemDestination
{
    private readonly Rfc5424MessageBuilder _builder;
    private readonly SyslogServerCertificateCheck? _certificateCheck;
    private readonly SyslogTransport _transport;
    private readonly SyslogPayloadFormat _format;

    public SyslogDestination(string server, int port, SyslogTransport transport = SyslogTransport.Tls, SyslogPayloadFormat format = SyslogPayloadFormat.Json,
        SyslogFacility facility = SyslogFacility.AuthPriv, string appName = "okta", string? hostName = null, string? structuredDataId = null,
        string? trustedCertificateAuthorityPath = null)
    {
        if (string.IsNullOrWhiteSpace(server)) throw new SyslogSettingException(SyslogSetting.Server, "The syslog server name is empty.");
        if (port < 1 || port > 65535) throw new SyslogSettingException(SyslogSetting.Port, $"The syslog port {port} is not between 1 and 65535.");
        if (trustedCertificateAuthorityPath != null && transport != SyslogTransport.Tls)
            throw new SyslogSettingException(SyslogSetting.CertificateAuthorityWithoutTls, "A CA certificate file is for TLS only; the transport is plain TCP.");
        Server = server.Trim();
        Port = port;
        _transport = transport;
        _format = format;
        Facility = facility.ToString();
        AppName = appName;
        HostName = hostName ?? LocalHostName();
        _builder = new Rfc5424MessageBuilder(facility, HostName, appName, structuredDataId);
        if (transport == SyslogTransport.Tls)
        {
            _certificateCheck = trustedCertificateAuthorityPath == null
                ? SyslogServerCertificateCheck.SystemStore()
                : SyslogServerCertificateCheck.WithAuthorityFile(trustedCertificateAuthorityPath);
        }
    }

    public string Server { get; }

    public int Port { get; }

    /// <summary>Tcp or Tls (a name, so ConvertTo-Json writes it as one).</summary>
    public string Transport => _transport.ToString();

    /// <summary>Json or Cef.</summary>
    public string Format => _format.ToString();

    /// <summary>The syslog facility's name (AuthPriv by default).</summary>
    public string Facility { get; }

    public string AppName { get; }

    /// <summary>RFC 5424 HOSTNAME: this machine's name unless given (the relay the messages come from).</summary>
    public string HostName { get; }

    /// <summary>The CA file trusted besides the system store (TLS), or null.</summary>
    public string? TrustedCertificateAuthorityPath => _certificateCheck?.AuthorityFile;

    /// <summary>How long a batch may take from connect to the receiver's close before it counts as failed (sent again).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    public string Description => $"syslog {Transport.ToUpperInvariant()} {Server}:{Port} ({Format})";

    public bool Deduplicates => false;

    public async Task<SiemSendResult> SendAsync(SiemBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var frames = Frames(batch);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var client = new TcpClient();
        // Sockets and TLS on netstandard2.0 take no token: closing the socket ends whatever waits on it.
        using var abort = timeout.Token.Register(() => client.Dispose());
        try
        {
            await client.ConnectAsync(Server, Port).ConfigureAwait(false);
            var network = client.GetStream();
            if (_certificateCheck != null)
            {
                var check = _certificateCheck.ForOneConnection();
                using var tls = new SslStream(network, leaveInnerStreamOpen: true, check.Validate);
                try
                {
#if NET
                    await tls.AuthenticateAsClientAsync(Server).ConfigureAwait(false);
#else
                    // .NET Framework: the versions of the process's HTTPS list, with TLS 1.2 added (see LegacyTlsDefaults).
                    Http.LegacyTlsDefaults.EnsureTls12();
                    await tls.AuthenticateAsClientAsync(Server, new System.Security.Cryptography.X509Certificates.X509CertificateCollection(), Http.LegacyTlsDefaults.ForSslStream(ServicePointManager.SecurityProtocol), checkCertificateRevocation: false).ConfigureAwait(false);
#endif
                }
                catch (AuthenticationException ex) when (check.Failure != null)
                {
                    // Sending again cannot make the certificate trusted: refuse the batch for good.
                    return SiemSendResult.All(batch.Count, SiemItemStatus.Rejected,
                        detail: $"the TLS connection to {Server}:{Port} was refused: {check.Failure} ({ex.Message})");
                }
                await tls.WriteAsync(frames, 0, frames.Length).ConfigureAwait(false);
                await tls.FlushAsync().ConfigureAwait(false);
#if NET
                await tls.ShutdownAsync().ConfigureAwait(false); // close_notify: the end of the messages
#endif
                // netstandard2.0 (Windows PowerShell) has no close_notify: the FIN alone ends the
                // stream; rsyslog still reads to it and closes, logging a non-proper TLS end.
            }
            else
            {
                await network.WriteAsync(frames, 0, frames.Length).ConfigureAwait(false);
                await network.FlushAsync().ConfigureAwait(false);
            }
            client.Client.Shutdown(SocketShutdown.Send);
            await WaitForReceiverCloseAsync(client.Client).ConfigureAwait(false);
        }
        catch (Exception ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            throw new TimeoutException($"{Description} did not read the batch and close within {Timeout.TotalSeconds:0} s; nothing of it counts as delivered.", ex);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException)
        {
            throw new IOException($"{Description}: {ex.Message}; nothing of the batch counts as delivered.", ex);
        }
        return SiemSendResult.All(batch.Count, SiemItemStatus.Acknowledged);
    }

    /// <summary>
    /// Reads until the receiver's FIN: its sign that it has read our stream to the end. Anything it
    /// sends first (a TLS session ticket, its own close_notify) is discarded. A reset throws.
    /// </summary>
    private static async Task WaitForReceiverCloseAsync(Socket socket)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var read = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), SocketFlags.None).ConfigureAwait(false);
            if (read == 0) return;
        }
    }

    /// <summary>Every record as a framed RFC 5424 message, in one buffer written at once.</summary>
    private byte[] Frames(SiemBatch batch)
    {
        using var frames = new MemoryStream(batch.Count * 2048);
        using var message = new MemoryStream(4096);
        foreach (var record in batch.Records)
        {
            message.SetLength(0);
            _builder.Write(message, record, Payload(record));
            OctetCountingFraming.WriteFrame(frames, message.GetBuffer(), 0, (int)message.Length);
        }
        return frames.ToArray();
    }

    private byte[] Payload(SiemRecord record)
    {
        if (_format == SyslogPayloadFormat.Cef) return Encoding.UTF8.GetBytes(CefFormatter.Format(record.Original.Span, record.Severity));
        // Compact JSON escapes line breaks and tabs inside strings, so any left are whitespace
        // between tokens (Okta's own bytes could carry some): a space keeps the line whole.
        var json = record.Json.ToArray();
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] is (byte)'\n' or (byte)'\r' or (byte)'\t') json[i] = (byte)' ';
        }
        return json;
    }

    private static string LocalHostName()
    {
        var name = Dns.GetHostName();
        return string.IsNullOrEmpty(name) ? "localhost" : name;
    }

    public void Dispose()
    {
    }

    public override string ToString() => Description;
}
