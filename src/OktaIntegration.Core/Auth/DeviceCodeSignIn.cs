using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Auth;

/// <summary>
/// The OAuth 2.0 device authorization grant (RFC 8628) against the org authorization server:
/// asks /oauth2/v1/device/authorize for a user code, shows it, then polls /oauth2/v1/token at
/// the interval Okta set (5 s more after each slow_down) until the user approves, refuses or the
/// code lapses. Token requests go through the connection's authenticator, so DPoP (nonce and
/// "the app requires DPoP") is handled exactly as for client credentials.
/// </summary>
public static class DeviceCodeSignIn
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:device_code";

    public static async Task<AccessToken> SignInAsync(OktaTransport transport, OAuthClientCredentialsAuthenticator oauth,
        Action<DeviceCodePrompt> prompt, CancellationToken cancellationToken)
    {
        var authorization = await AuthorizeAsync(transport, oauth, cancellationToken).ConfigureAwait(false);
        prompt(authorization.Prompt);

        var interval = authorization.Interval;
        var grant = new KeyValuePair<string, string>[] { new("grant_type", GrantType), new("device_code", authorization.DeviceCode) };
        while (true)
        {
            // Cancellation (Ctrl+C) ends the wait at once.
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            try
            {
                return await oauth.RedeemAsync(grant, cancellationToken).ConfigureAwait(false);
            }
            catch (OktaApiException ex) when (ex.ErrorCode == "authorization_pending")
            {
                if (DateTimeOffset.UtcNow > authorization.Prompt.ExpiresAt) throw Expired(ex);
            }
            catch (OktaApiException ex) when (ex.ErrorCode == "slow_down")
            {
                interval += TimeSpan.FromSeconds(5); // RFC 8628 §3.5
                transport.Log.Verbose($"Okta asked to poll more slowly; polling every {interval.TotalSeconds:0} s.");
            }
            catch (OktaApiException ex) when (ex.ErrorCode == "expired_token")
            {
                throw Expired(ex);
            }
            catch (OktaApiException ex) when (ex.ErrorCode == "access_denied")
            {
                throw new DeviceSignInException(DeviceSignInFailure.Denied,
                    "The sign-in was denied (by the user, or because the user may not use this app). Connect again and approve the code, or ask an admin to assign the app.", ex);
            }
        }
    }

    private static DeviceSignInException Expired(Exception inner) => new(DeviceSignInFailure.Expired,
        "The sign-in code expired before it was approved. Run Connect-OktaTenant -UseDeviceCode again and approve the new code in time.", inner);

    private static async Task<(DeviceCodePrompt Prompt, string DeviceCode, TimeSpan Interval)> AuthorizeAsync(
        OktaTransport transport, OAuthClientCredentialsAuthenticator oauth, CancellationToken cancellationToken)
    {
        var endpoint = transport.Org.Resolve("oauth2/v1/device/authorize");
        var request = new OktaRequest(HttpMethodKind.Post, endpoint)
        {
            Authenticate = false,
            PrepareAttempt = (message, _) =>
            {
                message.Content = new FormUrlEncodedContent(new KeyValuePair<string, string>[]
                {
                    new("client_id", oauth.ClientId),
                    new("scope", string.Join(" ", oauth.Scopes)),
                });
                return Task.CompletedTask;
            },
            AcceptFailure = r => r.StatusCode == HttpStatusCode.BadRequest || r.StatusCode == HttpStatusCode.Unauthorized,
        };
        var requestedAt = DateTimeOffset.UtcNow;
        var response = await transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            var failure = response.ToException();
            throw failure.ErrorCode switch
            {
                "invalid_client" or "unauthorized_client" => failure.WithHint("Check -ClientId: it must be a native app with the Device Authorization grant type enabled."),
                _ => failure.WithHint(OAuthClientCredentialsAuthenticator.TokenErrorHint(failure, GrantType)),
            };
        }
        using var doc = JsonDocument.Parse(response.BodyMemory);
        var root = doc.RootElement;
        string Text(string name) => root.GetProperty(name).GetString() ?? throw new JsonException(name + " is null");
        var expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt64(out var s) ? s : 600;
        var interval = root.TryGetProperty("interval", out var i) && i.TryGetInt64(out var seconds) ? seconds : 5;
        Uri? complete = root.TryGetProperty("verification_uri_complete", out var c) && c.GetString() is { } text ? new Uri(text) : null;
        var prompt = new DeviceCodePrompt(new Uri(Text("verification_uri")), complete, Text("user_code"), requestedAt + TimeSpan.FromSeconds(expiresIn));
        return (prompt, Text("device_code"), TimeSpan.FromSeconds(Math.Max(1, interval)));
    }
}
