using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Cmdlets;

public class ConnectOktaTenantCmdletTests
{
    [Fact]
    public async Task Connects_with_api_token_and_passes_the_connection_through()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = new PowerShellSession();
        var result = ps.Invoke("Connect-OktaTenant -OrgUrl $url -ApiToken $token -PassThru -Verbose",
            new Dictionary<string, object?> { ["url"] = org.BaseUrl.ToString(), ["token"] = Secure(TestOrg.ApiToken) });
        Assert.Empty(result.AllErrors);
        var connection = Assert.IsType<OktaConnection>(Assert.Single(result.Output).BaseObject);
        Assert.Equal("OIE", connection.Engine);
        Assert.Contains(result.Verbose, v => v.StartsWith("GET ") && v.Contains("/api/v1/users/me"));
        Assert.DoesNotContain(TestOrg.ApiToken, result.AllText);
    }

    [Fact]
    public async Task Bad_token_is_a_terminating_error_with_a_specific_id()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = new PowerShellSession();
        var result = ps.Invoke("Connect-OktaTenant -OrgUrl $url -ApiToken $token",
            new Dictionary<string, object?> { ["url"] = org.BaseUrl.ToString(), ["token"] = Secure("nope") });
        var error = Assert.Single(result.AllErrors);
        Assert.Equal("OktaAuthenticationFailed,OktaIntegration.Commands.ConnectOktaTenantCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("E0000011", error.Exception.Message);
    }

    [Fact]
    public void Admin_console_host_is_refused_with_the_right_host_named()
    {
        using var ps = new PowerShellSession();
        var result = ps.Invoke("Connect-OktaTenant -OrgUrl https://acme-admin.okta.com -ApiToken $token", new Dictionary<string, object?> { ["token"] = Secure("x") });
        var error = Assert.Single(result.AllErrors);
        Assert.StartsWith("OktaInvalidOrgUrl,", error.FullyQualifiedErrorId);
        Assert.Contains("https://acme.okta.com", error.Exception.Message);
    }

    [Fact]
    public void An_unreachable_org_is_a_connection_error()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        using var ps = new PowerShellSession();
        var result = ps.Invoke("Connect-OktaTenant -OrgUrl $url -ApiToken $token -MaxRetries 0",
            new Dictionary<string, object?> { ["url"] = $"http://127.0.0.1:{port}", ["token"] = Secure("x") });
        var error = Assert.Single(result.AllErrors);
        Assert.StartsWith("OktaOrgUnreachable,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
    }

    [Fact]
    public void Without_any_credential_the_error_says_which_parameters_or_variables_to_use()
    {
        using var ps = new PowerShellSession();
        var result = ps.Invoke("$env:OKTA_API_TOKEN = $null; $env:OKTA_CLIENT_ID = $null; Connect-OktaTenant -OrgUrl https://acme.okta.com");
        var error = Assert.Single(result.AllErrors);
        Assert.StartsWith("OktaMissingCredential,", error.FullyQualifiedErrorId);
        Assert.Contains("OKTA_API_TOKEN", error.Exception.Message);
    }

    [Fact]
    public async Task Disconnect_forgets_the_runspace_connection()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = new PowerShellSession();
        var vars = new Dictionary<string, object?> { ["url"] = org.BaseUrl.ToString(), ["token"] = Secure(TestOrg.ApiToken) };
        var result = ps.Invoke("$c = Connect-OktaTenant -OrgUrl $url -ApiToken $token -PassThru; Disconnect-OktaTenant; $c.IsDisposed", vars);
        Assert.Empty(result.AllErrors);
        Assert.True((bool)result.Output[^1].BaseObject);
    }

    internal static System.Security.SecureString Secure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }
}
