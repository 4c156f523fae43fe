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

    internal static System.Security.SecureString Secure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }
}
