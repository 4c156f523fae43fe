using System;
using System.Linq;
using System.Threading.Tasks;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Http;
using OktaIntegration.Emulator;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Connection;

public class ConnectTests
{
    [Fact]
    public async Task Ssws_connects_and_reads_engine()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        Assert.Equal(AuthenticationType.ApiToken, connection.AuthenticationType);
        Assert.Equal("OIE", connection.Engine);
        Assert.Equal(org.Emulator.Org.OrgId, connection.OrgId);
        var me = org.Emulator.Requests.ForPath("/api/v1/users/me").Single();
        Assert.Equal("SSWS", me.AuthorizationScheme);
        Assert.Equal(200, me.Status);
    }

    [Fact]
    public async Task Bad_ssws_token_is_E0000011()
    {
        await using var org = await TestOrg.StartAsync();
        var settings = org.SswsSettings();
        settings.ApiToken = "wrong";
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => org.ConnectAsync(settings));
        Assert.Equal("E0000011", ex.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.NotNull(ex.RequestId);
    }

    [Theory]
    [InlineData("rsa", "pkcs8")]
    [InlineData("rsa", "pkcs1")]
    [InlineData("rsa", "jwk")]
    [InlineData("ec", "pkcs8")]
    [InlineData("ec", "sec1")]
    [InlineData("ec", "jwk")]
    public async Task Private_key_jwt_works_with_every_key_format(string kind, string format)
    {
        using var key = kind == "rsa" ? TestKey.Rsa() : TestKey.Ec();
        await using var org = await TestOrg.StartAsync(appKey: key);
        var text = format switch { "pkcs8" => key.Pkcs8Pem, "jwk" => key.PrivateJwk, _ => key.TraditionalPem };
        using var connection = await org.ConnectAsync(org.PrivateKeyJwtSettings(text));
        Assert.Equal(AuthenticationType.PrivateKeyJwt, connection.AuthenticationType);
        Assert.False(connection.DPoP);
        Assert.NotNull(connection.TokenExpiresAt);
        Assert.Contains("okta.logs.read", connection.Scopes);
        Assert.Equal(1, org.Emulator.Tokens.IssuedCount);
    }

    [Fact]
    public async Task DPoP_is_detected_from_the_token_endpoint_and_nonce_challenge_is_answered()
    {
        await using var org = await TestOrg.StartAsync(o => o.Apps[0].RequireDPoP = true);
        using var connection = await org.ConnectAsync(org.PrivateKeyJwtSettings(null, "okta.users.read"));
        Assert.True(connection.DPoP);
        var tokenCalls = org.Emulator.Requests.ForPath("/oauth2/v1/token");
        // no proof -> invalid_dpop_proof; proof without nonce -> use_dpop_nonce; proof with nonce -> 200
        Assert.Equal(new[] { 400, 400, 200 }, tokenCalls.Select(r => r.Status));
        var probe = org.Emulator.Requests.ForPath("/api/v1/users").Single();
        Assert.Equal("DPoP", probe.AuthorizationScheme);
        Assert.True(probe.HadDPoPProof);
        Assert.Equal(200, probe.Status);
    }
}
