using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using static OktaIntegration.Tests.Cmdlets.ConnectOktaTenantCmdletTests;

namespace OktaIntegration.Tests.Cmdlets;

/// <summary>Several orgs in one session: connections the user holds stay open; Get-OktaConnection shows them.</summary>
public class ConnectionLifetimeCmdletTests
{
    private static Dictionary<string, object?> Vars(TestOrg a, TestOrg b) => new()
    {
        ["urlA"] = a.BaseUrl.ToString(),
        ["urlB"] = b.BaseUrl.ToString(),
        ["token"] = Secure(TestOrg.ApiToken),
    };

    [Fact]
    public async Task A_second_passthru_connection_leaves_the_first_usable()
    {
        await using var a = await TestOrg.StartAsync();
        await using var b = await TestOrg.StartAsync();
        using var ps = new PowerShellSession();
        var result = ps.Invoke(
            "$a = Connect-OktaTenant -OrgUrl $urlA -ApiToken $token -PassThru; $b = Connect-OktaTenant -OrgUrl $urlB -ApiToken $token -PassThru; " +
            "@(Get-OktaGroup -Connection $a).Count; @(Get-OktaGroup -Connection $b).Count; $a.IsDisposed; (Get-OktaConnection).OrgUrl",
            Vars(a, b));
        Assert.Empty(result.AllErrors);
        Assert.True((int)result.Output[0].BaseObject > 0);
        Assert.True((int)result.Output[1].BaseObject > 0);
        Assert.False((bool)result.Output[2].BaseObject);
        Assert.Equal(b.BaseUrl.GetLeftPart(System.UriPartial.Authority), (string)result.Output[3].BaseObject);
    }

    [Fact]
    public async Task Get_OktaConnection_All_lists_the_live_connections_and_Disconnect_closes_only_the_one_given()
    {
        await using var a = await TestOrg.StartAsync();
        await using var b = await TestOrg.StartAsync();
        using var ps = new PowerShellSession();
        var result = ps.Invoke(
            "$a = Connect-OktaTenant -OrgUrl $urlA -ApiToken $token -PassThru; $null = Connect-OktaTenant -OrgUrl $urlB -ApiToken $token -PassThru; " +
            "@(Get-OktaConnection -All).Count; Disconnect-OktaTenant -Connection $a; $a.IsDisposed; @(Get-OktaConnection -All).Count; (Get-OktaConnection).OrgUrl",
            Vars(a, b));
        Assert.Empty(result.AllErrors);
        Assert.Equal(2, (int)result.Output[0].BaseObject);
        Assert.True((bool)result.Output[1].BaseObject);
        Assert.Equal(1, (int)result.Output[2].BaseObject);
        Assert.Equal(b.BaseUrl.GetLeftPart(System.UriPartial.Authority), (string)result.Output[3].BaseObject);
    }

    [Fact]
    public async Task A_closed_connection_says_it_was_closed()
    {
        await using var a = await TestOrg.StartAsync();
        using var ps = new PowerShellSession();
        var result = ps.Invoke("$a = Connect-OktaTenant -OrgUrl $urlA -ApiToken $token -PassThru; Disconnect-OktaTenant -Connection $a; Get-OktaGroup -Connection $a", Vars(a, a));
        var error = Assert.Single(result.AllErrors);
        Assert.StartsWith("OktaNotConnected,", error.FullyQualifiedErrorId);
        Assert.Contains("closed", error.Exception.Message);
    }

    [Fact]
    public async Task Get_OktaConnection_shows_org_auth_type_scopes_DPoP_expiry_and_engine()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = new PowerShellSession();
        var result = ps.Invoke(
            "Connect-OktaTenant -OrgUrl $url -ClientId $client -PrivateKey $key -Scope okta.groups.read,okta.users.read -InformationAction Ignore; Get-OktaConnection",
            new Dictionary<string, object?> { ["url"] = org.BaseUrl.ToString(), ["client"] = TestOrg.ClientId, ["key"] = Secure(org.AppKey.Pkcs8Pem) });
        Assert.Empty(result.AllErrors);
        var connection = Assert.IsType<OktaConnection>(Assert.Single(result.Output).BaseObject);
        Assert.Equal(org.BaseUrl.GetLeftPart(System.UriPartial.Authority), connection.OrgUrl);
        Assert.Equal(Core.Auth.AuthenticationType.PrivateKeyJwt, connection.AuthenticationType);
        Assert.Equal(new[] { "okta.groups.read", "okta.users.read" }, connection.Scopes.OrderBy(s => s));
        Assert.False(connection.DPoP);
        Assert.NotNull(connection.TokenExpiresAt);
        Assert.Equal("OIE", connection.Engine);
    }

    [Fact]
    public void Get_OktaConnection_writes_nothing_when_not_connected()
    {
        using var ps = new PowerShellSession();
        var result = ps.Invoke("Get-OktaConnection; @(Get-OktaConnection -All).Count");
        Assert.Empty(result.AllErrors);
        Assert.Equal(0, (int)Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public async Task Connect_without_PassThru_prints_one_confirmation_line()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = new PowerShellSession();
        var result = ps.Invoke("Connect-OktaTenant -OrgUrl $urlA -ApiToken $token 6>&1", Vars(org, org));
        Assert.Empty(result.AllErrors);
        var record = Assert.IsType<InformationRecord>(Assert.Single(result.Output).BaseObject);
        var line = record.MessageData.ToString()!;
        Assert.StartsWith("Connected to " + org.BaseUrl.GetLeftPart(System.UriPartial.Authority), line);
        Assert.Contains("ApiToken", line);
        Assert.DoesNotContain("\n", line);
        Assert.DoesNotContain(TestOrg.ApiToken, line);
    }

    [Fact]
    public async Task A_default_nobody_was_given_is_closed_when_replaced()
    {
        await using var a = await TestOrg.StartAsync();
        await using var b = await TestOrg.StartAsync();
        using var ps = new PowerShellSession();
        var result = ps.Invoke(
            "Connect-OktaTenant -OrgUrl $urlA -ApiToken $token -InformationAction Ignore; Connect-OktaTenant -OrgUrl $urlB -ApiToken $token -InformationAction Ignore; " +
            "@(Get-OktaConnection -All).Count", Vars(a, b));
        Assert.Empty(result.AllErrors);
        Assert.Equal(1, (int)Assert.Single(result.Output).BaseObject);
    }
}
