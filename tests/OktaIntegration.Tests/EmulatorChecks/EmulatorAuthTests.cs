using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.EmulatorChecks;

/// <summary>The emulator refuses what Okta refuses, raw over HTTP, so client tests can't pass against a lenient fake.</summary>
public class EmulatorAuthTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Missing_authorization_is_403_E0000005_and_bad_ssws_is_401_E0000011()
    {
        await using var org = await TestOrg.StartAsync();
        var missing = await Http.GetAsync(new Uri(org.BaseUrl, "api/v1/users"));
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Contains("E0000005", await missing.Content.ReadAsStringAsync());

        using var bad = new HttpRequestMessage(HttpMethod.Get, new Uri(org.BaseUrl, "api/v1/users"));
        bad.Headers.Authorization = new AuthenticationHeaderValue("SSWS", "nope");
        var response = await Http.SendAsync(bad);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("E0000011", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains("X-Okta-Request-Id"));
        Assert.True(response.Headers.Contains("X-Rate-Limit-Remaining"));
        Assert.NotNull(response.Headers.Date);
    }

    private static string Assertion(TestOrg org, Action<Dictionary<string, object>>? change = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = TestOrg.ClientId,
            ["sub"] = TestOrg.ClientId,
            ["aud"] = new Uri(org.BaseUrl, "oauth2/v1/token").ToString(),
            ["iat"] = now,
            ["exp"] = now + 300,
            ["jti"] = Guid.NewGuid().ToString(),
        };
        change?.Invoke(claims);
        var key = new RsaSecurityKey((System.Security.Cryptography.RSA)org.AppKey.Key);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, "RS256"),
        });
    }

    private static async Task<(HttpStatusCode Status, string? Error, string? Description)> RequestToken(TestOrg org, string assertion, string scope = "okta.users.read")
    {
        var response = await Http.PostAsync(new Uri(org.BaseUrl, "oauth2/v1/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = scope,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        }));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        return (response.StatusCode, root.TryGetProperty("error", out var e) ? e.GetString() : null,
            root.TryGetProperty("error_description", out var d) ? d.GetString() : null);
    }

    [Fact]
    public async Task A_valid_assertion_gets_a_token_once_and_its_jti_is_spent()
    {
        await using var org = await TestOrg.StartAsync();
        var assertion = Assertion(org);
        Assert.Equal(HttpStatusCode.OK, (await RequestToken(org, assertion)).Status);
        var reuse = await RequestToken(org, assertion);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (reuse.Status, reuse.Error));
        Assert.Contains("already been used", reuse.Description);
    }

    [Fact]
    public async Task A_refused_request_still_spends_the_jti()
    {
        await using var org = await TestOrg.StartAsync();
        var assertion = Assertion(org);
        Assert.Equal("invalid_scope", (await RequestToken(org, assertion, "okta.apps.manage")).Error);
        Assert.Contains("already been used", (await RequestToken(org, assertion)).Description);
    }

    [Theory]
    [InlineData("aud", "audience")]
    [InlineData("exp-past", "expired")]
    [InlineData("exp-far", "too far into the future")]
    [InlineData("iat-future", "issued in the future")]
    [InlineData("sub", "same 'iss' and 'sub'")]
    public async Task Assertion_claims_are_checked_like_okta(string change, string expected)
    {
        await using var org = await TestOrg.StartAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var assertion = Assertion(org, c =>
        {
            switch (change)
            {
                case "aud": c["aud"] = "https://other.okta.com/oauth2/v1/token"; break;
                case "exp-past": c["exp"] = now - 10; break;
                case "exp-far": c["exp"] = now + 7200; break;
                case "iat-future": c["iat"] = now + 600; break;
                case "sub": c["sub"] = "someone-else"; break;
            }
        });
        var result = await RequestToken(org, assertion);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (result.Status, result.Error));
        Assert.Contains(expected, result.Description);
    }

    [Fact]
    public async Task An_assertion_signed_by_another_key_is_refused()
    {
        using var other = TestKey.Rsa();
        await using var org = await TestOrg.StartAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var forged = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["iss"] = TestOrg.ClientId, ["sub"] = TestOrg.ClientId, ["aud"] = new Uri(org.BaseUrl, "oauth2/v1/token").ToString(), ["exp"] = now + 60, ["jti"] = "x1" },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey((System.Security.Cryptography.RSA)other.Key), "RS256"),
        });
        var result = await RequestToken(org, forged);
        Assert.Contains("signature", result.Description);
    }

    [Fact]
    public async Task The_emulator_only_binds_to_loopback()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => OktaIntegration.Emulator.OktaEmulator.StartAsync(url: "http://0.0.0.0:0"));
    }
}
