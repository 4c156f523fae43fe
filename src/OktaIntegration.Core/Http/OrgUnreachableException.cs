using System;
using System.Net.Sockets;

namespace OktaIntegration.Core.Http;

/// <summary>
/// The org's host could not be reached at all: its name does not resolve, or nothing accepts
/// connections there. At connect time this is almost always a mistyped org URL or a missing
/// proxy, so it is reported at once instead of retried. Mapped to OktaOrgUnreachable.
/// </summary>
public sealed class OrgUnreachableException : Exception
{
    public OrgUnreachableException(string host, string cause, Exception innerException)
        : base($"Cannot reach the Okta org at {host}: {cause}. Check the org URL for a typo, and the network or proxy (-Proxy) if the URL is right.", innerException)
    {
        Host = host;
        Cause = cause;
    }

    public string Host { get; }

    /// <summary>What went wrong in words, e.g. "the host name does not resolve (DNS)".</summary>
    public string Cause { get; }

    /// <summary>
    /// The cause when <paramref name="failure"/> means the host is unreachable (name resolution
    /// failed, connection refused, no route, no answer to the connection within the connect
    /// timeout), judged by the socket error code or exception type, never the message. Null for
    /// failures that may pass (request timeouts, resets mid-response).
    /// </summary>
    public static string? DescribeUnreachable(Exception failure)
    {
        for (var ex = failure; ex != null; ex = ex.InnerException)
        {
            // The handler's ConnectTimeout: a cancellation carrying a TimeoutException. The request
            // timeout is ours (HttpClient.Timeout is infinite) and cancels without one.
            if (ex is TimeoutException && failure is OperationCanceledException)
                return $"no answer to the connection within {OktaTransport.ConnectTimeout.TotalSeconds:0} s (a firewall dropping packets, or a wrong address)";
            if (ex is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the host name does not resolve (DNS)",
                    SocketError.ConnectionRefused => "the connection was refused (nothing listens on that port)",
                    SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.AddressNotAvailable => "there is no network route to the host",
                    _ => null,
                };
            }
        }
        return null;
    }
}
