using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Http;
using OktaIntegration.Emulator.Faults;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Auth;

/// <summary>
/// Greps everything a succeeding and a failing run printed (logs, exception messages and
/// stacks, string forms) for every secret the run handled: API token, client secret, private
/// key, access tokens, client assertions and DPoP proofs.
/// </summary>
public class RedactionTests
{
    private static IEnumerable<string> SecretsOf(TestOrg org, RecordingHandler recorder, params string[] extra)
    {
        var secrets = new List<string> { TestOrg.ApiToken, TestOrg.ClientSecret };
        secrets.AddRange(extra);
        // The private key: every base64 line of its PEM body.
        secrets.AddRange(org.AppKey.Pkcs8Pem.Split('\n').Where(l => l.Length > 20 && !l.StartsWith("-----")));
        secrets.AddRange(org.Emulator.Tokens.IssuedValues);
        foreach (var sent in recorder.Sent)
        {
            if (sent.DPoPProof != null) secrets.Add(sent.DPoPProof);
            if (sent.Body?.Contains("client_assertion=") == true)
                secrets.Add(System.Web.HttpUtility.ParseQueryString(sent.Body)["client_assertion"]!);
        }
        return secrets.Where(s => s.Length >= 8).Distinct();
    }

    private static void AssertNoSecret(string text, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret starting '{secret.Substring(0, 4)}…' leaked into the output");
        }
    }

    [Fact]
    public async Task Nothing_secret_appears_in_a_succeeding_or_failing_oauth_run()
    {
        await using var org = await TestOrg.StartAsync(o =>
        {
            o.Apps[0].RequireDPoP = true;
            o.RequireResourceDPoPNonce = true;
        });
        var recorder = new RecordingHandler();
        var log = new CapturingLog();
        var output = new List<string>();
        using (var connection = await OktaConnectionFactory.ConnectAsync(org.PrivateKeyJwtSettings(null, "okta.users.read"), CancellationToken.None, recorder, log))
        {
            output.Add(connection.ToString());
            await connection.Transport.SendAsync(new OktaRequest(HttpMethodKind.Get, connection.Org.Resolve("api/v1/users?limit=1")), CancellationToken.None);
            org.Emulator.Tokens.ExpireAll();
            org.Emulator.Faults.Add(FaultKind.ServerError, "/api/v1/users", 1);
            await connection.Transport.SendAsync(new OktaRequest(HttpMethodKind.Get, connection.Org.Resolve("api/v1/users?limit=1")), CancellationToken.None);
            var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
                connection.Transport.SendAsync(new OktaRequest(HttpMethodKind.Get, connection.Org.Resolve("api/v1/zones")), CancellationToken.None));
            output.Add(ex.ToString());
        }

        // A failing connect: wrong secret, and a bad key.
        var badSecret = new OktaConnectionSettings
        {
            OrgUrl = org.BaseUrl.ToString(), AuthenticationType = AuthenticationType.ClientSecret, ClientId = TestOrg.ClientId,
            ClientSecret = TestOrg.ClientSecret + "-wrong", Scopes = new[] { "okta.users.read" }, Retry = TestOrg.FastRetry(),
        };
        output.Add((await Assert.ThrowsAsync<OktaApiException>(() => OktaConnectionFactory.ConnectAsync(badSecret, CancellationToken.None, recorder, log))).ToString());
        var badKey = org.PrivateKeyJwtSettings(org.AppKey.Pkcs8Pem.Replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY").Replace("END PRIVATE KEY", "END RSA PRIVATE KEY"));
        output.Add((await Assert.ThrowsAnyAsync<Exception>(() => OktaConnectionFactory.ConnectAsync(badKey, CancellationToken.None, recorder, log))).ToString());

        Assert.NotEmpty(log.Lines);
        AssertNoSecret(log.AllText + "\n" + string.Join("\n", output), SecretsOf(org, recorder, TestOrg.ClientSecret + "-wrong"));
    }

    [Fact]
    public async Task Nothing_secret_appears_in_the_cmdlet_streams()
    {
        await using var org = await TestOrg.StartAsync();
        using var ps = new PowerShellSession();
        var good = ps.Invoke("Connect-OktaTenant -OrgUrl $url -ApiToken $token -PassThru -Verbose -Debug; Disconnect-OktaTenant",
            new Dictionary<string, object?> { ["url"] = org.BaseUrl.ToString(), ["token"] = Cmdlets.ConnectOktaTenantCmdletTests.Secure(TestOrg.ApiToken), ["DebugPreference"] = "Continue" });
        var bad = ps.Invoke("Connect-OktaTenant -OrgUrl $url -ClientId $id -PrivateKey $key -Scope okta.users.read -Verbose -Debug",
            new Dictionary<string, object?>
            {
                ["url"] = org.BaseUrl.ToString(), ["id"] = "0oaUnknownClient",
                ["key"] = Cmdlets.ConnectOktaTenantCmdletTests.Secure(org.AppKey.Pkcs8Pem),
            });
        Assert.NotEmpty(bad.AllErrors);
        Assert.Empty(good.AllErrors);
        Assert.NotEmpty(good.Debug);
        AssertNoSecret(good.AllText + bad.AllText + string.Join("", bad.AllErrors.Select(e => e.Exception.ToString())), SecretsOf(org, new RecordingHandler()));
    }
}
