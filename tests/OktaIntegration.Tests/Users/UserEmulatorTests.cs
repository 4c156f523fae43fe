using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Users;

/// <summary>The emulator's user, session and lifecycle endpoints behave as Okta documents them.</summary>
public class UserEmulatorTests
{
    [Fact]
    public async Task Lifecycle_post_without_content_length_gets_411_and_changes_nothing()
    {
        await using var org = await TestOrg.StartAsync();
        var target = ResponseTestData.Active(org);

        // HttpClient always adds Content-Length: 0 to a body-less POST, so speak HTTP by hand.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(org.BaseUrl.Host, org.BaseUrl.Port);
        var stream = tcp.GetStream();
        var request = $"POST /api/v1/users/{target.Id}/lifecycle/suspend HTTP/1.1\r\nHost: {org.BaseUrl.Authority}\r\nAuthorization: SSWS {TestOrg.ApiToken}\r\nAccept: application/json\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer);
        var statusLine = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];

        Assert.Contains(" 411 ", statusLine);
        Assert.Equal("ACTIVE", target.Status);
        Assert.Empty(org.Emulator.ResponseActions.LifecycleChanges);
    }

    [Fact]
    public async Task Lifecycle_post_with_content_length_zero_answers_an_empty_object()
    {
        await using var org = await TestOrg.StartAsync();
        var target = ResponseTestData.Active(org);
        using var client = ResponseTestData.RawClient(org);

        var response = await client.PostAsync($"api/v1/users/{target.Id}/lifecycle/suspend", new ByteArrayContent(Array.Empty<byte>()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        Assert.Equal("SUSPENDED", target.Status);
    }

    [Fact]
    public async Task Wrong_state_is_400_E0000001_and_unknown_id_is_404_E0000007()
    {
        await using var org = await TestOrg.StartAsync();
        var suspended = ResponseTestData.WithStatus(org, "SUSPENDED");
        using var client = ResponseTestData.RawClient(org);

        var wrongState = await client.PostAsync($"api/v1/users/{suspended.Id}/lifecycle/suspend", new ByteArrayContent(Array.Empty<byte>()));
        var unknown = await client.PostAsync("api/v1/users/00uNoSuchUser0000000/lifecycle/unsuspend", new ByteArrayContent(Array.Empty<byte>()));
        var sessions = await client.DeleteAsync("api/v1/users/00uNoSuchUser0000000/sessions");

        Assert.Equal(HttpStatusCode.BadRequest, wrongState.StatusCode);
        Assert.Equal("E0000001", ErrorCode(await wrongState.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("E0000007", ErrorCode(await unknown.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, sessions.StatusCode);
        Assert.Equal("E0000007", ErrorCode(await sessions.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("idx", true)]
    [InlineData("v1", false)]
    public async Task Forget_devices_defaults_to_the_engine_default_when_absent(string pipeline, bool expected)
    {
        await using var org = await TestOrg.StartAsync(o => o.Pipeline = pipeline);
        var target = ResponseTestData.Active(org);
        target.RememberedDevices = 2;
        using var client = ResponseTestData.RawClient(org);

        var response = await client.DeleteAsync($"api/v1/users/{target.Id}/sessions");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var record = Assert.Single(org.Emulator.ResponseActions.SessionRevocations);
        Assert.Equal(expected, record.ForgetDevices);
        Assert.False(record.OAuthTokens);
        Assert.Equal(expected ? 0 : 2, target.RememberedDevices);
    }

    [Fact]
    public async Task Sessions_path_takes_an_id_not_a_login()
    {
        await using var org = await TestOrg.StartAsync();
        var target = ResponseTestData.Active(org);
        using var client = ResponseTestData.RawClient(org);

        var response = await client.DeleteAsync($"api/v1/users/{Uri.EscapeDataString(target.Login)}/sessions");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(org.Emulator.ResponseActions.SessionRevocations);
    }

    [Fact]
    public async Task Single_user_get_decodes_the_login_and_carries_lifecycle_links()
    {
        await using var org = await TestOrg.StartAsync();
        var target = ResponseTestData.Active(org);
        using var client = ResponseTestData.RawClient(org);

        using var document = JsonDocument.Parse(await client.GetStringAsync("api/v1/users/" + Uri.EscapeDataString(target.Login)));

        Assert.Equal(target.Id, document.RootElement.GetProperty("id").GetString());
        Assert.True(document.RootElement.GetProperty("_links").TryGetProperty("suspend", out _));
    }

    [Fact]
    public async Task Session_clear_event_is_okta_log_event_shaped_with_actor_and_target()
    {
        await using var org = await TestOrg.StartAsync();
        var target = ResponseTestData.Active(org);
        using var client = ResponseTestData.RawClient(org);

        await client.DeleteAsync($"api/v1/users/{target.Id}/sessions?oauthTokens=true&forgetDevices=false");

        var logEvent = Assert.Single(org.Emulator.ResponseActions.Events);
        var json = JsonSerializer.SerializeToElement(logEvent.ToJson());
        Assert.Equal("user.session.clear", json.GetProperty("eventType").GetString());
        Assert.Equal("0", json.GetProperty("version").GetString());
        Assert.Equal(org.Emulator.Org.Users[0].Id, json.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal("User", json.GetProperty("target")[0].GetProperty("type").GetString());
        Assert.Equal(target.Login, json.GetProperty("target")[0].GetProperty("alternateId").GetString());
        Assert.Equal("SUCCESS", json.GetProperty("outcome").GetProperty("result").GetString());
        // The System Log store is the sink: the event is served by GET /api/v1/logs.
        Assert.Contains(org.Emulator.SystemLog.Snapshot(), e => e.Uuid == logEvent.Uuid && e.EventType == "user.session.clear");
    }

    private static string? ErrorCode(string body) => JsonDocument.Parse(body).RootElement.GetProperty("errorCode").GetString();
}
