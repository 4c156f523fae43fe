using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Http;
using OktaIntegration.Emulator;
using OktaIntegration.Emulator.Auth;
using OktaIntegration.Infrastructure;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Auth;

/// <summary>Interactive sign-in with the device authorization grant (RFC 8628) against the emulator over loopback.</summary>
public class DeviceCodeSignInTests
{
    public const string NativeClientId = "0oaTestNativeApp0001";

    /// <summary>An org with a native app allowed the device grant, polled every second so tests stay short.</summary>
    public static Task<TestOrg> StartAsync(Action<EmulatorOptions>? configure = null) => TestOrg.StartAsync(o =>
    {
        var native = new ServiceAppRegistration(NativeClientId) { PublicClient = true };
        native.GrantedScopes.Add("okta.groups.read");
        native.GrantedScopes.Add("okta.users.read");
        o.Apps.Add(native);
        o.DeviceCodeInterval = TimeSpan.FromSeconds(1);
        configure?.Invoke(o);
    });

    private static OktaConnectionSettings Settings(TestOrg org, Action<DeviceCodePrompt> prompt, params string[] scopes) => new()
    {
        OrgUrl = org.BaseUrl.ToString(),
        AuthenticationType = AuthenticationType.DeviceCode,
        ClientId = NativeClientId,
        Scopes = scopes.Length > 0 ? scopes : new[] { "okta.groups.read" },
        Retry = TestOrg.FastRetry(),
        DeviceCodePrompt = prompt,
    };

    private static ServiceAppRegistration Native(TestOrg org) => org.Emulator.Options.Apps.Single(a => a.ClientId == NativeClientId);

    private static Task<OktaResponse> ListGroupsAsync(OktaConnection connection) =>
        connection.Transport.SendAsync(new OktaRequest(HttpMethodKind.Get, connection.Org.Resolve("api/v1/groups?limit=1")), CancellationToken.None);

    [Fact]
    public async Task Approving_the_code_connects_with_the_requested_scopes()
    {
        await using var org = await StartAsync();
        DeviceCodePrompt? shown = null;
        using var http = new HttpClient();
        using var connection = await OktaConnectionFactory.ConnectAsync(Settings(org, p =>
        {
            shown = p;
            // The emulator's stand-in for the user on the activation page (not an Okta endpoint).
            http.PostAsync(new Uri(org.BaseUrl, "emulator/device/approve?user_code=" + p.UserCode), null).GetAwaiter().GetResult().EnsureSuccessStatusCode();
        }, "okta.groups.read", "okta.users.read"), CancellationToken.None);

        Assert.NotNull(shown);
        Assert.Equal(new Uri(org.BaseUrl, "activate"), shown!.VerificationUri);
        Assert.Contains(shown.UserCode, shown.ToString());
        Assert.Equal(AuthenticationType.DeviceCode, connection.AuthenticationType);
        Assert.Equal(new[] { "okta.groups.read", "okta.users.read" }, connection.Scopes.OrderBy(s => s));
        Assert.False(connection.DPoP);
        var issued = org.Emulator.Tokens.IssuedValues.Select(org.Emulator.Tokens.Find).Single(t => t!.ClientId == NativeClientId)!;
        Assert.Equal(3, issued.Value.Split('.').Length); // a JWT like every emulator access token
        Assert.True((await ListGroupsAsync(connection)).IsSuccess);
    }

    [Fact]
    public async Task Denying_the_code_fails_with_access_denied()
    {
        await using var org = await StartAsync();
        var ex = await Assert.ThrowsAsync<DeviceSignInException>(() => OktaConnectionFactory.ConnectAsync(
            Settings(org, p => Assert.True(org.Emulator.DeviceAuthorizations.Deny(p.UserCode))), CancellationToken.None));
        Assert.Equal(DeviceSignInFailure.Denied, ex.Failure);
        Assert.Equal("access_denied", Assert.IsType<OktaApiException>(ex.InnerException).ErrorCode);
        Assert.Equal((ErrorIds.DeviceCodeDenied, System.Management.Automation.ErrorCategory.PermissionDenied), ErrorRecords.Classify(ex));
    }

    [Fact]
    public async Task A_code_nobody_approves_expires()
    {
        await using var org = await StartAsync(o => o.DeviceCodeLifetime = TimeSpan.FromSeconds(2));
        var ex = await Assert.ThrowsAsync<DeviceSignInException>(() => OktaConnectionFactory.ConnectAsync(Settings(org, _ => { }), CancellationToken.None));
        Assert.Equal(DeviceSignInFailure.Expired, ex.Failure);
        Assert.Equal(ErrorIds.DeviceCodeExpired, ErrorRecords.Classify(ex).Id);
    }

    [Fact]
    public async Task Slow_down_adds_five_seconds_to_the_interval()
    {
        await using var org = await StartAsync();
        DeviceAuthorization? authorization = null;
        using var connection = await OktaConnectionFactory.ConnectAsync(Settings(org, p =>
        {
            authorization = org.Emulator.DeviceAuthorizations.FindByUserCode(p.UserCode)!;
            authorization.SlowDownNextPoll = true; // the emulator now wants 6 s between polls
            org.Emulator.DeviceAuthorizations.Approve(p.UserCode);
        }), CancellationToken.None);

        // A client that kept polling every second would have been told slow_down again.
        Assert.Equal(1, authorization!.SlowDowns);
        Assert.Equal(2, authorization.Polls);
        Assert.Equal(DeviceAuthorizationState.Redeemed, authorization.State);
    }

    [Fact]
    public async Task Polling_faster_than_the_interval_is_answered_slow_down()
    {
        await using var org = await StartAsync(o => o.DeviceCodeInterval = TimeSpan.FromSeconds(30));
        using var http = new HttpClient();
        var authorize = await http.PostAsync(new Uri(org.BaseUrl, "oauth2/v1/device/authorize"), new FormUrlEncodedContent(new[]
        {
            KeyValuePair("client_id", NativeClientId), KeyValuePair("scope", "okta.groups.read"),
        }));
        using var doc = System.Text.Json.JsonDocument.Parse(await authorize.Content.ReadAsStringAsync());
        var deviceCode = doc.RootElement.GetProperty("device_code").GetString()!;
        Assert.Equal(30, doc.RootElement.GetProperty("interval").GetInt32());
        string[] errors = new string[2];
        for (var i = 0; i < 2; i++)
        {
            var poll = await http.PostAsync(new Uri(org.BaseUrl, "oauth2/v1/token"), new FormUrlEncodedContent(new[]
            {
                KeyValuePair("grant_type", DeviceCodeSignIn.GrantType), KeyValuePair("device_code", deviceCode), KeyValuePair("client_id", NativeClientId),
            }));
            using var body = System.Text.Json.JsonDocument.Parse(await poll.Content.ReadAsStringAsync());
            errors[i] = body.RootElement.GetProperty("error").GetString()!;
        }
        Assert.Equal(new[] { "authorization_pending", "slow_down" }, errors);
    }

    private static System.Collections.Generic.KeyValuePair<string, string> KeyValuePair(string k, string v) => new(k, v);

    [Fact]
    public async Task An_app_that_requires_DPoP_gets_DPoP_bound_calls()
    {
        await using var org = await StartAsync(o => o.Apps.Single(a => a.ClientId == NativeClientId).RequireDPoP = true);
        using var connection = await OktaConnectionFactory.ConnectAsync(
            Settings(org, p => org.Emulator.DeviceAuthorizations.Approve(p.UserCode)), CancellationToken.None);

        Assert.True(connection.DPoP);
        var issued = org.Emulator.Tokens.IssuedValues.Select(org.Emulator.Tokens.Find).Single(t => t!.ClientId == NativeClientId)!;
        Assert.NotNull(issued.Jkt);
        Assert.True((await ListGroupsAsync(connection)).IsSuccess);
    }

    [Fact]
    public async Task With_offline_access_an_expired_token_is_renewed_with_the_refresh_token()
    {
        await using var org = await StartAsync();
        using var connection = await OktaConnectionFactory.ConnectAsync(
            Settings(org, p => org.Emulator.DeviceAuthorizations.Approve(p.UserCode), "okta.groups.read", "offline_access"), CancellationToken.None);
        var before = org.Emulator.Tokens.IssuedCount;
        org.Emulator.Tokens.ExpireAll();

        Assert.True((await ListGroupsAsync(connection)).IsSuccess);
        Assert.Equal(before + 1, org.Emulator.Tokens.IssuedCount);
    }

    [Fact]
    public async Task Without_offline_access_an_expired_token_says_to_sign_in_again()
    {
        await using var org = await StartAsync();
        using var connection = await OktaConnectionFactory.ConnectAsync(
            Settings(org, p => org.Emulator.DeviceAuthorizations.Approve(p.UserCode)), CancellationToken.None);
        org.Emulator.Tokens.ExpireAll();

        var ex = await Assert.ThrowsAsync<SignInExpiredException>(() => ListGroupsAsync(connection));
        Assert.Contains("-UseDeviceCode", ex.Message);
        Assert.Contains("offline_access", ex.Message);
        Assert.Equal(ErrorIds.SignInExpired, ErrorRecords.Classify(ex).Id);
    }

    [Fact]
    public void The_emulator_command_line_registers_a_native_app()
    {
        var (options, _) = EmulatorCommandLine.Parse(new[] { "--client-id", "0oaNative", "--scopes", "okta.users.read", "--native", "--approve-device-codes" });
        Assert.True(Assert.Single(options.Apps).PublicClient);
        Assert.True(options.AutoApproveDeviceCodes);
    }

    [Fact]
    public async Task Cancelling_stops_the_wait_for_approval()
    {
        await using var org = await StartAsync();
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OktaConnectionFactory.ConnectAsync(Settings(org, _ => cts.Cancel()), cts.Token));
    }
}
