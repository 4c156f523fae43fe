using System.Collections.Generic;
using System.Management.Automation;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using static OktaIntegration.Tests.Cmdlets.ConnectOktaTenantCmdletTests;

namespace OktaIntegration.Tests.Connection;

/// <summary>A mistyped host or a refused connection fails the connect at once, naming the host and the cause, with no retries.</summary>
public class UnreachableOrgTests
{
    [Fact]
    public void A_refused_connection_fails_at_once_with_default_retries()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        using var ps = new PowerShellSession();
        var result = ps.Invoke("Connect-OktaTenant -OrgUrl $url -ApiToken $token -Debug",
            new Dictionary<string, object?> { ["url"] = $"http://127.0.0.1:{port}", ["token"] = Secure("x") });
        var error = Assert.Single(result.AllErrors);
        Assert.StartsWith("OktaOrgUnreachable,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("127.0.0.1", error.Exception.Message);
        Assert.Contains("refused", error.Exception.Message);
        Assert.DoesNotContain(result.Debug, d => d.StartsWith("Retry "));
    }

    [Fact]
    public void A_host_that_does_not_resolve_fails_at_once_naming_the_host()
    {
        using var ps = new PowerShellSession();
        var result = ps.Invoke("Connect-OktaTenant -OrgUrl https://no-such-org.invalid -ApiToken $token -Debug",
            new Dictionary<string, object?> { ["token"] = Secure("x") });
        var error = Assert.Single(result.AllErrors);
        Assert.StartsWith("OktaOrgUnreachable,", error.FullyQualifiedErrorId);
        Assert.Contains("no-such-org.invalid", error.Exception.Message);
        Assert.Contains("DNS", error.Exception.Message);
        Assert.DoesNotContain(result.Debug, d => d.StartsWith("Retry "));
    }

    [Fact]
    public void A_host_that_never_answers_the_connection_fails_at_the_connect_timeout_not_the_request_timeout()
    {
        // A loopback black hole: a listener whose accept queue is full. Linux queues backlog + 1
        // connections nobody accepts and then drops further SYNs, so a new connection gets no
        // answer at all (as a firewalled or mistyped address gives). Filled by count, not by a wait.
        if (!System.OperatingSystem.IsLinux()) return;
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen(1);
        var port = ((System.Net.IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<System.Net.Sockets.Socket>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var client = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                fillers.Add(client);
                client.Connect(System.Net.IPAddress.Loopback, port);
            }

            using var ps = new PowerShellSession();
            var result = ps.Invoke("Connect-OktaTenant -OrgUrl $url -ApiToken $token -MaxRetries 0 -Debug",
                new Dictionary<string, object?> { ["url"] = $"http://127.0.0.1:{port}", ["token"] = Secure("x") });
            var error = Assert.Single(result.AllErrors);
            Assert.StartsWith("OktaOrgUnreachable,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("127.0.0.1", error.Exception.Message);
            Assert.Contains("no answer", error.Exception.Message);
        }
        finally
        {
            foreach (var filler in fillers) filler.Dispose();
        }
    }
}
