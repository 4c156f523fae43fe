using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Auth;

/// <summary>
/// Client credentials against the org authorization server (<c>/oauth2/v1/token</c>), with
/// private_key_jwt or a client secret, optionally DPoP-bound. The token is cached per
/// connection and renewed before it expires by one in-flight request; a 401 invalid_token during
/// work renews once and the transport replays the call. Nonces from any response are kept.
/// It also holds an admin's device sign-in (<see cref="DeviceCodeSignIn"/>), which redeems its
/// grant here so DPoP is handled in one place; such a token is renewed with the refresh token
/// (offline_access) or, without one, ends the connection with <see cref="SignInExpiredException"/>.
/// </summary>
public sealed class OAuthClientCredentialsAuthenticator : IRequestAuthenticator
{
    private readonly IClientAuthentication _clientAuth;
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private readonly Func<DateTimeOffset> _now;
    private readonly Func<SigningKey> _dpopKeyFactory;
    private DPoPMode _mode;
    private DPoPProofFactory? _dpop;
    private OktaTransport? _transport;
    private AccessToken? _token;

    // Set once a user signed in (device authorization): renewal then needs the refresh token.
    private bool _userSignIn;
    private string? _refreshToken;

    public OAuthClientCredentialsAuthenticator(string clientId, IReadOnlyList<string> scopes, IClientAuthentication clientAuth,
        DPoPMode dpopMode = DPoPMode.Auto, SigningKey? dpopKey = null, Func<DateTimeOffset>? now = null)
    {
        if (scopes.Count == 0)
            throw new ArgumentException("No scopes given. Name the Okta API scopes granted to the app, for example -Scope okta.logs.read,okta.groups.read.");
        ClientId = clientId;
        Scopes = scopes;
        _clientAuth = clientAuth;
        _mode = dpopMode;
        _now = now ?? (() => DateTimeOffset.UtcNow);
        _dpopKeyFactory = dpopKey != null ? () => dpopKey : SigningKey.CreateEphemeralEc;
        if (dpopMode == DPoPMode.Always) _dpop = new DPoPProofFactory(_dpopKeyFactory(), _now);
    }

    public string ClientId { get; }

    public IReadOnlyList<string> Scopes { get; }

    /// <summary>The current token, if one was obtained (for reporting expiry and granted scopes; never its value).</summary>
    public AccessToken? CurrentToken => _token;

    public bool UsesDPoP => _token?.IsDPoP ?? _dpop != null;

    public AuthenticationType Type => _clientAuth.Type;

    public void Attach(OktaTransport transport) => _transport = transport;

    public async Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token.IsDPoP)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token.Value);
            request.Headers.Remove("DPoP");
            request.Headers.TryAddWithoutValidation("DPoP", _dpop!.Create(request.Method.Method, request.RequestUri!, token.Value));
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }
    }

    public void Observe(HttpResponseMessage response) => _dpop?.Nonces.Observe(response);

    public async Task<bool> TryRecoverAsync(OktaResponse failed, CancellationToken cancellationToken)
    {
        var challenge = WwwAuthenticateChallenge.Parse(failed.Message);
        var error = challenge?.Error;
        if (error == "use_dpop_nonce" && _dpop != null && failed.Message.Headers.Contains("DPoP-Nonce"))
            return true; // Observe already stored the nonce; the next proof carries it
        if (failed.StatusCode == HttpStatusCode.Unauthorized && (error == "invalid_token" || error == null))
        {
            var sentWith = failed.Message.RequestMessage?.Headers.Authorization?.Parameter;
            await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Only drop the token that failed; another caller may have renewed it already.
                if (_token != null && _token.Value == sentWith) _token = null;
            }
            finally
            {
                _renewal.Release();
            }
            return true;
        }
        return false;
    }

    public async Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var current = _token;
        if (current != null && !NeedsRenewal(current)) return current;
        await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _token;
            if (current != null && !NeedsRenewal(current)) return current;
            // A user's token without a refresh token is used to its last second; nothing can renew it early.
            if (current != null && _userSignIn && _refreshToken == null && _now() < current.ExpiresAt) return current;
            _token = await RequestTokenAsync(RenewalGrant(), cancellationToken).ConfigureAwait(false);
            return _token;
        }
        finally
        {
            _renewal.Release();
        }
    }

    /// <summary>Renew when a tenth of the lifetime (at most a minute) is left, so no call goes out with a token about to lapse.</summary>
    private bool NeedsRenewal(AccessToken token)
    {
        var now = _now();
        return now >= token.ExpiresAt - RenewalMargin(token);
    }

    private static TimeSpan RenewalMargin(AccessToken token) => TimeSpan.FromSeconds(Math.Min(60, Math.Max(1, token.LifetimeSeconds / 10.0)));

    /// <summary>
    /// Redeems a grant obtained elsewhere (the device code of an admin's sign-in) with this
    /// authenticator's client authentication and DPoP handling, and keeps the token; later
    /// renewals use the refresh token when Okta gave one (offline_access).
    /// </summary>
    internal async Task<AccessToken> RedeemAsync(IReadOnlyList<KeyValuePair<string, string>> grant, CancellationToken cancellationToken)
    {
        await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _token = await RequestTokenAsync(grant, cancellationToken).ConfigureAwait(false);
            _userSignIn = true;
            return _token;
        }
        finally
        {
            _renewal.Release();
        }
    }

    private IReadOnlyList<KeyValuePair<string, string>> RenewalGrant()
    {
        if (!_userSignIn)
            return new KeyValuePair<string, string>[] { new("grant_type", "client_credentials"), new("scope", string.Join(" ", Scopes)) };
        if (_refreshToken == null)
            throw new SignInExpiredException(
                "The access token from your interactive sign-in has expired and cannot be renewed without a refresh token. " +
                "Run Connect-OktaTenant -UseDeviceCode again (add offline_access to -Scope to let the connection renew itself).");
        return new KeyValuePair<string, string>[] { new("grant_type", "refresh_token"), new("refresh_token", _refreshToken), new("scope", string.Join(" ", Scopes)) };
    }

    private async Task<AccessToken> RequestTokenAsync(IReadOnlyList<KeyValuePair<string, string>> grant, CancellationToken cancellationToken)
    {
        var transport = _transport ?? throw new InvalidOperationException("The authenticator is not attached to a transport.");
        var endpoint = transport.Org.TokenEndpoint;
        // One round for an Okta nonce challenge and one for discovering that the app requires DPoP.
        for (var round = 0; ; round++)
        {
            var request = new OktaRequest(HttpMethodKind.Post, endpoint)
            {
                Authenticate = false,
                PrepareAttempt = (message, _) =>
                {
                    var form = new List<KeyValuePair<string, string>>(grant);
                    _clientAuth.Apply(message, form, endpoint);
                    message.Content = new FormUrlEncodedContent(form);
                    if (_dpop != null) message.Headers.TryAddWithoutValidation("DPoP", _dpop.Create("POST", endpoint, null));
                    return Task.CompletedTask;
                },
                AcceptFailure = r => r.StatusCode == HttpStatusCode.BadRequest || r.StatusCode == HttpStatusCode.Unauthorized,
            };
            var requestedAt = _now();
            var response = await transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess) return ParseToken(response, requestedAt);

            var failure = response.ToException();
            if (round < 3 && failure.ErrorCode == "use_dpop_nonce" && _dpop != null && _dpop.Nonces.Get(endpoint) != null)
            {
                transport.Log.Debug("The token endpoint asked for a DPoP nonce; signing a new assertion and proof with it.");
                continue;
            }
            if (round < 3 && failure.ErrorCode == "invalid_dpop_proof" && _dpop == null && _mode == DPoPMode.Auto)
            {
                transport.Log.Verbose("The Okta app requires DPoP; switching this connection to DPoP-bound tokens.");
                _dpop = new DPoPProofFactory(_dpopKeyFactory(), _now);
                _mode = DPoPMode.Always;
                continue;
            }
            if (_userSignIn && failure.ErrorCode == "invalid_grant" && grant[0].Value == "refresh_token")
                throw new SignInExpiredException(
                    "Okta no longer accepts the refresh token of your interactive sign-in (it expired or was revoked). Run Connect-OktaTenant -UseDeviceCode again.", failure);
            throw failure.WithHint(TokenErrorHint(failure, grant[0].Value));
        }
    }

    private AccessToken ParseToken(OktaResponse response, DateTimeOffset requestedAt)
    {
        using var doc = JsonDocument.Parse(response.BodyMemory);
        var root = doc.RootElement;
        var value = root.GetProperty("access_token").GetString() ?? throw new JsonException("access_token is null");
        var type = root.TryGetProperty("token_type", out var t) ? t.GetString() ?? "Bearer" : "Bearer";
        var expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt64(out var seconds) ? seconds : 3600;
        var scopes = root.TryGetProperty("scope", out var s) && s.GetString() is { } scopeText
            ? scopeText.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)
            : Scopes.ToArray();
        // Okta may rotate refresh tokens: always keep the newest.
        if (root.TryGetProperty("refresh_token", out var r) && r.GetString() is { Length: > 0 } refresh) _refreshToken = refresh;
        if (string.Equals(type, "DPoP", StringComparison.OrdinalIgnoreCase) && _dpop == null)
            throw new JsonException("Okta issued a DPoP token for a request without a DPoP proof.");
        if (!string.Equals(type, "DPoP", StringComparison.OrdinalIgnoreCase) && _dpop != null)
            _transport?.Log.Debug("A DPoP proof was sent but the app does not require DPoP; Okta issued a Bearer token.");
        return new AccessToken(value, type, requestedAt + TimeSpan.FromSeconds(expiresIn), scopes, expiresIn);
    }

    /// <summary>What to do about a token endpoint error, for the grant that was asked for (grant_type's value).</summary>
    internal static string TokenErrorHint(OktaApiException failure, string grantType)
    {
        var text = (failure.ErrorSummary ?? string.Empty).ToLowerInvariant();
        return failure.ErrorCode switch
        {
            "invalid_client" when text.Contains("kid") =>
                "Pass -KeyId with the key id (kid) shown for this key under the app's Public Keys; Okta requires it once an app has more than one key.",
            "invalid_client" when text.Contains("expir") || text.Contains("future") || text.Contains("issued") =>
                "This usually means this machine's clock is wrong; sync it (w32tm /resync or chrony) and try again.",
            "invalid_client" when text.Contains("signature") =>
                "The key does not match any public key registered on the Okta app; check -PrivateKeyPath and -KeyId.",
            "invalid_client" =>
                "Check -ClientId and that the app uses the matching client authentication (public key / private key, or client secret).",
            "invalid_scope" =>
                "Grant these scopes to the app on its Okta API Scopes tab, or request only scopes it has.",
            "invalid_dpop_proof" =>
                "The app requires DPoP: connect with -DPoP (optionally -DPoPKeyPath), or turn off 'Require DPoP' on the app.",
            // A native app signed in with -UseDeviceCode renews with refresh_token; only a service
            // connection asks for client_credentials, and the two need different app settings.
            "unauthorized_client" when grantType == "refresh_token" =>
                "The app is not allowed the Refresh Token grant, so the sign-in cannot be renewed; enable Refresh Token on the app's grant types, or run Connect-OktaTenant -UseDeviceCode again when it expires.",
            "unauthorized_client" when grantType == "client_credentials" =>
                "The app is not allowed the client_credentials grant; make it an API Services app.",
            "unauthorized_client" =>
                $"The app is not allowed the {grantType} grant; enable it on the app's grant types.",
            _ => string.Empty,
        };
    }

    public void Dispose()
    {
        _clientAuth.Dispose();
        _dpop?.Dispose();
        _renewal.Dispose();
    }

    public override string ToString() => _clientAuth.Type == AuthenticationType.DeviceCode ? $"OAuth device sign-in for {ClientId}" : $"OAuth client credentials for {ClientId}";
}
