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
}
