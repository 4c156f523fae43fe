using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using OktaIntegration.Emulator.Infrastructure;

namespace OktaIntegration.Emulator.Auth;

/// <summary>
/// The token endpoint's answers for a native app: grant_type device_code (RFC 8628 §3.4-3.5:
/// authorization_pending, slow_down, access_denied, expired_token) and refresh_token (rotated,
/// only issued when offline_access was granted). The client names itself with client_id.
/// </summary>
internal static class DeviceGrantEndpoint
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:device_code";

    // A client polling on time may arrive a little early by our clock (network, timers).
    private static readonly TimeSpan PollTolerance = TimeSpan.FromMilliseconds(250);

    public static async Task HandleAsync(HttpContext context, IFormCollection form, EmulatorOptions options, TokenStore tokens,
        DPoPProofValidator dpop, DeviceAuthorizationStore devices)
    {
        var clientId = form["client_id"].ToString();
        var app = options.Apps.FirstOrDefault(a => a.ClientId == clientId);
        if (clientId.Length == 0 || app == null)
        {
            await OktaErrors.WriteOAuthAsync(context, 401, "invalid_client", "The client_id is invalid.");
            return;
        }
        if (!app.PublicClient)
        {
            await OktaErrors.WriteOAuthAsync(context, 400, "unauthorized_client", "The client is not authorized to use the provided grant type. Configured grant types: [client_credentials].");
            return;
        }
        // DPoP first, so the nonce round trips are not counted as polls.
        var (bound, jkt) = await TokenEndpoint.BindDPoPAsync(context, app, tokens, dpop);
        if (!bound) return;

        if (form["grant_type"] == "refresh_token")
        {
            var grant = devices.Redeem(form["refresh_token"].ToString(), clientId);
            if (grant == null)
            {
                await OktaErrors.WriteOAuthAsync(context, 400, "invalid_grant", "The refresh token is invalid or expired.");
                return;
            }
            await TokenEndpoint.WriteTokenAsync(context, options, tokens, clientId, grant.Scopes, jkt, devices.IssueRefreshToken(clientId, grant.Scopes));
            return;
        }

        var authorization = devices.FindByDeviceCode(form["device_code"].ToString());
        if (authorization == null || authorization.ClientId != clientId || authorization.State == DeviceAuthorizationState.Redeemed)
        {
            await OktaErrors.WriteOAuthAsync(context, 400, "invalid_grant", "The device code is invalid or has expired.");
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var tooFast = authorization.LastPoll is { } last && now - last < authorization.Interval - PollTolerance;
        authorization.LastPoll = now;
        authorization.Polls++;
        if (now >= authorization.ExpiresAt)
        {
            await OktaErrors.WriteOAuthAsync(context, 400, "expired_token", "The device code has expired.");
            return;
        }
        if (tooFast || authorization.SlowDownNextPoll)
        {
            authorization.SlowDownNextPoll = false;
            authorization.SlowDowns++;
            authorization.Interval += TimeSpan.FromSeconds(5);
            await OktaErrors.WriteOAuthAsync(context, 400, "slow_down", "The client is polling too frequently.");
            return;
        }
        switch (authorization.State)
        {
            case DeviceAuthorizationState.Pending:
                await OktaErrors.WriteOAuthAsync(context, 400, "authorization_pending", "The device authorization is pending. Please try again later.");
                return;
            case DeviceAuthorizationState.Denied:
                await OktaErrors.WriteOAuthAsync(context, 400, "access_denied", "The resource owner or authorization server denied the request.");
                return;
        }
        authorization.State = DeviceAuthorizationState.Redeemed;
        var refresh = authorization.Scopes.Contains("offline_access") ? devices.IssueRefreshToken(clientId, authorization.Scopes) : null;
        await TokenEndpoint.WriteTokenAsync(context, options, tokens, clientId, authorization.Scopes, jkt, refresh);
    }
}
