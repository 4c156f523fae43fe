using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Http;
using OktaIntegration.Emulator.Faults;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Auth;

/// <summary>OAuth client credentials against the emulator's token endpoint and resource checks.</summary>
public class OAuthFlowTests
{
    private static Task<OktaResponse> GetUsers(OktaConnection connection) =>
        connection.Transport.SendAsync(new OktaRequest(HttpMethodKind.Get, connection.Org.Resolve("api/v1/users?limit=2")), CancellationToken.None);

    [Fact]
    public async Task Client_secret_basic_gets_a_bearer_token()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectAsync(new OktaConnectionSettings
        {
            OrgUrl = org.BaseUrl.ToString(),
            AuthenticationType = AuthenticationType.ClientSecret,
            ClientId = TestOrg.ClientId,
            ClientSecret = TestOrg.ClientSecret,
            Scopes = new[] { "okta.users.read" },
            Retry = TestOrg.FastRetry(),
        });
        Assert.Equal(AuthenticationType.ClientSecret, connection.AuthenticationType);
        Assert.Equal("Bearer", org.Emulator.Requests.ForPath("/api/v1/users").Single().AuthorizationScheme);
        Assert.Equal(new[] { "okta.users.read" }, connection.Scopes);
    }

    [Fact]
    public async Task Wrong_client_secret_is_invalid_client()
    {
        await using var org = await TestOrg.StartAsync();
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => org.ConnectAsync(new OktaConnectionSettings
        {
            OrgUrl = org.BaseUrl.ToString(),
            AuthenticationType = AuthenticationType.ClientSecret,
            ClientId = TestOrg.ClientId,
            ClientSecret = "wrong",
            Scopes = new[] { "okta.users.read" },
            Retry = TestOrg.FastRetry(),
        }));
        Assert.Equal("invalid_client", ex.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task Pre_obtained_access_token_is_sent_as_bearer()
    {
        await using var org = await TestOrg.StartAsync();
        var token = org.Emulator.Tokens.Issue(TestOrg.ClientId, new[] { "okta.users.read" }, TimeSpan.FromMinutes(5), null);
        using var connection = await org.ConnectAsync(new OktaConnectionSettings
        {
            OrgUrl = org.BaseUrl.ToString(),
            AuthenticationType = AuthenticationType.AccessToken,
            AccessToken = token.Value,
            Scopes = new[] { "okta.users.read" },
            Retry = TestOrg.FastRetry(),
        });
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse((await GetUsers(connection)).BodyMemory).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Token_is_renewed_before_it_expires_without_a_401()
    {
        await using var org = await TestOrg.StartAsync(o => o.AccessTokenLifetime = TimeSpan.FromSeconds(2));
        using var connection = await org.ConnectAsync(org.PrivateKeyJwtSettings(null, "okta.users.read"));
        var firstExpiry = connection.TokenExpiresAt;
        await Task.Delay(TimeSpan.FromSeconds(2.1));
        await GetUsers(connection);
        Assert.True(connection.TokenExpiresAt > firstExpiry);
        Assert.Equal(2, org.Emulator.Tokens.IssuedCount);
        Assert.DoesNotContain(org.Emulator.Requests.ForPath("/api/v1/"), r => r.Status == 401);
    }

    [Fact]
    public async Task A_401_invalid_token_mid_run_renews_once_and_replays()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectAsync(org.PrivateKeyJwtSettings(null, "okta.users.read"));
        org.Emulator.Tokens.ExpireAll();
        var response = await GetUsers(connection);
        Assert.True(response.IsSuccess);
        Assert.Equal(2, org.Emulator.Tokens.IssuedCount);
        var calls = org.Emulator.Requests.ForPath("/api/v1/users").Select(r => r.Status).ToArray();
        Assert.Equal(new[] { 200, 401, 200 }, calls);
    }

    [Fact]
    public async Task Token_endpoint_failures_are_retried_with_a_new_assertion_each_time()
    {
        await using var org = await TestOrg.StartAsync();
        var recorder = new RecordingHandler();
        org.Emulator.Faults.Add(FaultKind.ServerError, "/oauth2/v1/token", 2);
        using var connection = await OktaConnectionFactory.ConnectAsync(org.PrivateKeyJwtSettings(null, "okta.users.read"), CancellationToken.None, recorder);
        var assertions = recorder.Sent.Where(s => s.Uri.AbsolutePath == "/oauth2/v1/token")
            .Select(s => System.Web.HttpUtility.ParseQueryString(s.Body!)["client_assertion"]).ToList();
        Assert.Equal(3, assertions.Count);
        Assert.Equal(3, assertions.Distinct().Count());
        // The emulator refuses a reused jti, so the final success also proves the jti was fresh.
        Assert.Equal(new[] { 500, 500, 200 }, org.Emulator.Requests.ForPath("/oauth2/v1/token").Select(r => r.Status));
    }

    [Fact]
    public async Task DPoP_resource_nonce_challenge_and_rotation_mid_run_are_recovered()
    {
        await using var org = await TestOrg.StartAsync(o =>
        {
            o.Apps[0].RequireDPoP = true;
            o.RequireResourceDPoPNonce = true;
        });
        var recorder = new RecordingHandler();
        var settings = org.PrivateKeyJwtSettings(null, "okta.users.read");
        settings.DPoP = DPoPMode.Always;
        using var connection = await OktaConnectionFactory.ConnectAsync(settings, CancellationToken.None, recorder);
        Assert.True(connection.DPoP);
        org.Emulator.Tokens.RotateNonce(keepPrevious: false);
        await GetUsers(connection);
        await GetUsers(connection);

        var statuses = org.Emulator.Requests.ForPath("/api/v1/users").Select(r => r.Status).ToArray();
        // connect probe: 401 use_dpop_nonce then 200; after rotation: 401 then 200; then 200.
        Assert.Equal(new[] { 200, 401, 200, 200 }, statuses.Skip(statuses.Length - 4));
        var proofs = recorder.Sent.Where(s => s.DPoPProof != null).Select(s => s.DPoPProof).ToList();
        Assert.Equal(proofs.Count, proofs.Distinct().Count());
    }

    [Fact]
    public async Task Missing_scope_surfaces_insufficient_scope_from_the_challenge_header()
    {
        await using var org = await TestOrg.StartAsync();
        var token = org.Emulator.Tokens.Issue(TestOrg.ClientId, new[] { "okta.logs.read" }, TimeSpan.FromMinutes(5), null);
        using var connection = await org.ConnectAsync(new OktaConnectionSettings
        {
            OrgUrl = org.BaseUrl.ToString(),
            AuthenticationType = AuthenticationType.AccessToken,
            AccessToken = token.Value,
            SkipVerification = true,
            Retry = TestOrg.FastRetry(),
        });
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => GetUsers(connection));
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal("insufficient_scope", ex.AuthenticateError);
        Assert.Contains("okta.users.read", ex.Message);
        Assert.Single(org.Emulator.Requests.ForPath("/api/v1/users"));
    }

    [Fact]
    public async Task Several_keys_without_kid_is_refused_with_advice_to_pass_KeyId()
    {
        using var second = TestKey.Rsa("second");
        await using var org = await TestOrg.StartAsync(o => o.Apps[0].PublicJwks.Add(second.PublicJwk));
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => org.ConnectAsync(org.PrivateKeyJwtSettings(null, "okta.users.read")));
        Assert.Equal("invalid_client", ex.ErrorCode);
        Assert.Contains("-KeyId", ex.Message);

        var withKid = org.PrivateKeyJwtSettings(null, "okta.users.read");
        withKid.KeyId = org.AppKey.Kid;
        using var connection = await org.ConnectAsync(withKid);
        Assert.NotNull(connection.TokenExpiresAt);
    }

    [Fact]
    public async Task Unknown_scope_request_is_invalid_scope_with_advice()
    {
        await using var org = await TestOrg.StartAsync();
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => org.ConnectAsync(org.PrivateKeyJwtSettings(null, "okta.apps.manage")));
        Assert.Equal("invalid_scope", ex.ErrorCode);
        Assert.Contains("Okta API Scopes", ex.Message);
    }
}
