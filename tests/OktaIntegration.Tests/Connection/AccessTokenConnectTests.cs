using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Connection;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using static OktaIntegration.Tests.Cmdlets.ConnectOktaTenantCmdletTests;

namespace OktaIntegration.Tests.Connection;

/// <summary>Connect-OktaTenant -AccessToken with tokens of an API service app, as Okta's org authorization server issues them.</summary>
public class AccessTokenConnectTests
{
    private static string Issuer(TestOrg org) => org.BaseUrl.GetLeftPart(UriPartial.Authority);

    [Fact]
    public void Claims_are_read_from_the_jwt_without_checking_its_signature()
    {
        string B(string json) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(json);
        var token = B("{\"alg\":\"RS256\"}") + "." + B("{\"scp\":[\"okta.groups.read\",\"okta.logs.read\"],\"exp\":1900000000,\"cnf\":{\"jkt\":\"abc\"},\"cid\":\"0oa1\"}") + ".not-a-signature";
        var claims = AccessTokenClaims.TryRead(token)!;
        Assert.Equal(new[] { "okta.groups.read", "okta.logs.read" }, claims.Scopes);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1900000000), claims.ExpiresAt);
        Assert.Equal("abc", claims.Jkt);
        Assert.Equal("0oa1", claims.ClientId);
        Assert.Null(AccessTokenClaims.TryRead("opaque-token-value"));
        Assert.Null(AccessTokenClaims.TryRead("a.b!.c"));
    }

    [Fact]
    public async Task The_emulator_issues_jwt_access_tokens_and_answers_users_me_with_404_for_a_service_app()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectAsync(org.PrivateKeyJwtSettings(null, "okta.users.read"));
        var token = org.Emulator.Tokens.IssuedValues.Single();
        var claims = AccessTokenClaims.TryRead(token)!;
        Assert.Equal(new[] { "okta.users.read" }, claims.Scopes);
        Assert.Equal(TestOrg.ClientId, claims.ClientId);
        var response = await connection.Transport.SendAsync(
            new Core.Http.OktaRequest(Core.Http.HttpMethodKind.Get, new Uri(org.BaseUrl, "api/v1/users/me")) { AcceptFailure = _ => true },
            System.Threading.CancellationToken.None);
        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_service_app_token_connects_with_the_scopes_and_expiry_from_its_claims()
    {
        await using var org = await TestOrg.StartAsync();
        var issued = org.Emulator.Tokens.Issue(TestOrg.ClientId, new[] { "okta.groups.read" }, TimeSpan.FromMinutes(30), null, Issuer(org));
        using var ps = new PowerShellSession();
        var result = ps.Invoke("Connect-OktaTenant -OrgUrl $url -AccessToken $token -PassThru -Verbose",
            new Dictionary<string, object?> { ["url"] = org.BaseUrl.ToString(), ["token"] = Secure(issued.Value) });
        Assert.Empty(result.AllErrors);
        var connection = Assert.IsType<OktaConnection>(Assert.Single(result.Output).BaseObject);
        Assert.Equal(new[] { "okta.groups.read" }, connection.Scopes);
        Assert.Equal(issued.ExpiresAt.ToUnixTimeSeconds(), connection.TokenExpiresAt!.Value.ToUnixTimeSeconds());
        Assert.Equal(TestOrg.ClientId, connection.ClientId);
        Assert.Empty(org.Emulator.Requests.ForPath("/api/v1/users/me"));
        Assert.Single(org.Emulator.Requests.All, r => r.Path == "/api/v1/groups");
        Assert.Contains(result.Verbose, v => v.Contains("expires at"));
        Assert.DoesNotContain(issued.Value, result.AllText);
    }

    [Fact]
    public async Task An_opaque_token_is_proven_by_trying_cheap_calls_in_turn()
    {
        await using var org = await TestOrg.StartAsync();
        var issued = org.Emulator.Tokens.Issue(TestOrg.ClientId, new[] { "okta.groups.read" }, TimeSpan.FromMinutes(30), null, Issuer(org), opaque: true);
        using var connection = await org.ConnectAsync(new OktaConnectionSettings
        {
            OrgUrl = org.BaseUrl.ToString(),
            AuthenticationType = AuthenticationType.AccessToken,
            AccessToken = issued.Value,
            Retry = TestOrg.FastRetry(),
        });
        Assert.Single(org.Emulator.Requests.ForPath("/api/v1/users/me"));
        Assert.Single(org.Emulator.Requests.All, r => r.Path == "/api/v1/users");
        Assert.Single(org.Emulator.Requests.All, r => r.Path == "/api/v1/groups");
        Assert.Null(connection.TokenExpiresAt);
    }

    [Fact]
    public async Task A_dpop_bound_token_without_DPoPKeyPath_is_a_clear_error()
    {
        await using var org = await TestOrg.StartAsync();
        using var dpopKey = TestKey.Ec("dpop");
        using var loaded = PrivateKeyLoader.Load(dpopKey.Pkcs8Pem);
        var issued = org.Emulator.Tokens.Issue(TestOrg.ClientId, new[] { "okta.groups.read" }, TimeSpan.FromMinutes(30), loaded.Thumbprint(), Issuer(org));
        using var ps = new PowerShellSession();
        var result = ps.Invoke("Connect-OktaTenant -OrgUrl $url -AccessToken $token",
            new Dictionary<string, object?> { ["url"] = org.BaseUrl.ToString(), ["token"] = Secure(issued.Value) });
        var error = Assert.Single(result.AllErrors);
        Assert.StartsWith("OktaMissingCredential,", error.FullyQualifiedErrorId);
        Assert.Contains("-DPoPKeyPath", error.Exception.Message);
        Assert.Contains("DPoP-bound", error.Exception.Message);
    }

    [Fact]
    public async Task A_dpop_bound_token_with_its_key_connects_with_DPoP()
    {
        await using var org = await TestOrg.StartAsync();
        using var dpopKey = TestKey.Ec("dpop");
        using var loaded = PrivateKeyLoader.Load(dpopKey.Pkcs8Pem);
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".pem");
        File.WriteAllText(path, dpopKey.Pkcs8Pem);
        try
        {
            var issued = org.Emulator.Tokens.Issue(TestOrg.ClientId, new[] { "okta.groups.read" }, TimeSpan.FromMinutes(30), loaded.Thumbprint(), Issuer(org));
            using var ps = new PowerShellSession();
            var result = ps.Invoke("$c = Connect-OktaTenant -OrgUrl $url -AccessToken $token -DPoPKeyPath $path -PassThru; $c.DPoP; @(Get-OktaGroup -Connection $c).Count -gt 0",
                new Dictionary<string, object?> { ["url"] = org.BaseUrl.ToString(), ["token"] = Secure(issued.Value), ["path"] = path });
            Assert.Empty(result.AllErrors);
            Assert.True((bool)result.Output[0].BaseObject);
            Assert.True((bool)result.Output[1].BaseObject);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
