using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Connection;

/// <summary>
/// Builds a connection from settings and proves it: reads the org's engine from
/// /.well-known/okta-organization, obtains a token (OAuth), and makes one cheap authenticated
/// call that the granted scopes allow. Every failure comes back as an exception whose message
/// says what to fix.
/// </summary>
public static class OktaConnectionFactory
{
    public static async Task<OktaConnection> ConnectAsync(OktaConnectionSettings settings, CancellationToken cancellationToken,
        HttpMessageHandler? handler = null, ITransportLog? log = null)
    {
        var org = Http.OrgUrl.Parse(settings.OrgUrl);
        var type = settings.AuthenticationType ?? throw new MissingCredentialException(
            "No credentials given. Use -ApiToken, -ClientId with -PrivateKeyPath (or -PrivateKey), -ClientId with -ClientSecret, or -AccessToken; " +
            $"or set {EnvironmentSettings.ApiToken} or {EnvironmentSettings.ClientId} and {EnvironmentSettings.PrivateKeyPath}.");

        OAuthClientCredentialsAuthenticator? oauth = null;
        StaticAccessTokenAuthenticator? preObtained = null;
        IRequestAuthenticator authenticator;
        switch (type)
        {
            case AuthenticationType.ApiToken:
                authenticator = new SswsAuthenticator(Require(settings.ApiToken, "-ApiToken"));
                break;
            case AuthenticationType.AccessToken:
            {
                var token = Require(settings.AccessToken, "-AccessToken");
                var dpopKey = settings.DPoPKeyPath != null ? PrivateKeyLoader.LoadFile(settings.DPoPKeyPath) : null;
                preObtained = new StaticAccessTokenAuthenticator(token, AccessTokenClaims.TryRead(token), dpopKey);
                authenticator = preObtained;
                break;
            }
            case AuthenticationType.PrivateKeyJwt:
            {
                var clientId = Require(settings.ClientId, "-ClientId");
                var key = settings.Certificate != null ? CertificateKeyLoader.Load(settings.Certificate, settings.KeyId)
                    : settings.CertificateThumbprint != null ? CertificateKeyLoader.Load(CertificateKeyLoader.FindByThumbprint(settings.CertificateThumbprint), settings.KeyId)
                    : settings.PrivateKey != null ? PrivateKeyLoader.LoadNamed(settings.PrivateKey, settings.KeyId, "The key given with -PrivateKey", "-PrivateKey")
                    : PrivateKeyLoader.LoadFile(Require(settings.PrivateKeyPath, "-PrivateKeyPath"), settings.KeyId);
                var dpopKey = settings.DPoPKeyPath != null ? PrivateKeyLoader.LoadFile(settings.DPoPKeyPath) : null;
                oauth = new OAuthClientCredentialsAuthenticator(clientId, RequireScopes(settings), new PrivateKeyJwtClientAuthentication(clientId, key),
                    settings.DPoP, dpopKey);
                authenticator = oauth;
                break;
            }
            case AuthenticationType.ClientSecret:
            {
                var clientId = Require(settings.ClientId, "-ClientId");
                oauth = new OAuthClientCredentialsAuthenticator(clientId, RequireScopes(settings),
                    new ClientSecretBasicAuthentication(clientId, Require(settings.ClientSecret, "-ClientSecret")), settings.DPoP,
                    settings.DPoPKeyPath != null ? PrivateKeyLoader.LoadFile(settings.DPoPKeyPath) : null);
                authenticator = oauth;
                break;
            }
            case AuthenticationType.DeviceCode:
            {
                var clientId = Require(settings.ClientId, "-ClientId");
                oauth = new OAuthClientCredentialsAuthenticator(clientId, RequireScopes(settings), new PublicClientAuthentication(clientId), settings.DPoP,
                    settings.DPoPKeyPath != null ? PrivateKeyLoader.LoadFile(settings.DPoPKeyPath) : null);
                authenticator = oauth;
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), type, "Unknown authentication type.");
        }

        var transport = new OktaTransport(org, authenticator, settings.Retry,
            handler ?? OktaTransport.CreateDefaultHandler(settings.Proxy, settings.ProxyCredential), log);
        var connection = new OktaConnection(org, type, transport, oauth, settings.ClientId ?? preObtained?.Claims?.ClientId, settings.Scopes, preObtained) { Name = settings.Name };
        if (settings.SkipVerification) return connection;
        try
        {
            await ReadOrganizationAsync(connection, cancellationToken).ConfigureAwait(false);
            if (type == AuthenticationType.DeviceCode)
                await DeviceCodeSignIn.SignInAsync(connection.Transport, oauth!, settings.DeviceCodePrompt ?? (p => connection.Transport.Log.Warning(p.ToString())), cancellationToken).ConfigureAwait(false);
            else if (oauth != null)
                await oauth.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            await ProveAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static async Task ReadOrganizationAsync(OktaConnection connection, CancellationToken cancellationToken)
    {
        var request = new OktaRequest(HttpMethodKind.Get, connection.Org.Resolve(".well-known/okta-organization"))
        {
            Authenticate = false,
            AcceptFailure = r => (int)r.StatusCode == 404,
            RetryUnreachable = false, // the first call: a mistyped host fails now, not after minutes of retries
        };
        var response = await connection.Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess) return;
        using var doc = JsonDocument.Parse(response.BodyMemory);
        if (doc.RootElement.TryGetProperty("pipeline", out var pipeline))
            connection.Engine = pipeline.GetString() == "idx" ? "OIE" : "Classic";
        if (doc.RootElement.TryGetProperty("id", out var id)) connection.OrgId = id.GetString();
    }

    /// <summary>
    /// One cheap call that the credentials should allow: for SSWS the token's own admin; for
    /// OAuth, a one-item list in a granted scope. A pre-obtained token names its scopes in its
    /// claims; an opaque one (or one whose scopes match no probe) is tried on each cheap call in
    /// turn until Okta accepts one.
    /// </summary>
    private static async Task ProveAsync(OktaConnection connection, CancellationToken cancellationToken)
    {
        var log = connection.Transport.Log;
        if (connection.AuthenticationType == AuthenticationType.AccessToken && connection.TokenExpiresAt is { } expires)
            log.Verbose($"The access token expires at {expires.UtcDateTime:u} (read from its exp claim; the org verifies the token itself).");
        var path = ProbePath(connection.AuthenticationType, connection.Scopes);
        if (path != null)
        {
            await connection.Transport.SendAsync(new OktaRequest(HttpMethodKind.Get, connection.Org.Resolve(path)), cancellationToken).ConfigureAwait(false);
            return;
        }
        if (connection.AuthenticationType != AuthenticationType.AccessToken)
        {
            log.Verbose("No read scope to prove the connection with; the token itself was obtained.");
            return;
        }
        await ProbeInTurnAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// For a token whose scopes are unknown: a user's token answers /users/me; a service app's
    /// gets 404 there (it has no user) and is tried on list calls. 401 fails at once; 403 and 404
    /// move on. If Okta accepts the token but allows none of them, the connection stands with a
    /// warning, since the token did authenticate.
    /// </summary>
    private static async Task ProbeInTurnAsync(OktaConnection connection, CancellationToken cancellationToken)
    {
        var candidates = new[] { "api/v1/users/me" }.Concat(ScopeProbes().Select(p => p.Path).Distinct()).ToArray();
        foreach (var candidate in candidates)
        {
            var request = new OktaRequest(HttpMethodKind.Get, connection.Org.Resolve(candidate))
            {
                AcceptFailure = r => (int)r.StatusCode is 403 or 404,
            };
            var response = await connection.Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess) return;
            connection.Transport.Log.Verbose($"The access token may not read {connection.Org.Resolve(candidate).AbsolutePath} ({(int)response.StatusCode}); trying the next cheap call.");
        }
        connection.Transport.Log.Warning("Okta accepted the access token, but it allows none of the cheap read calls used to prove a connection (users, groups, System Log, network zones); later calls may fail with 403.");
    }

    internal static string? ProbePath(AuthenticationType type, IReadOnlyList<string> scopes)
    {
        if (type == AuthenticationType.ApiToken) return "api/v1/users/me";
        return ScopeProbes().FirstOrDefault(p => scopes.Contains(p.Scope, StringComparer.Ordinal)).Path;
    }

    private static (string Scope, string Path)[] ScopeProbes()
    {
        var now = DateTimeOffset.UtcNow;
        string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        return new[]
        {
            ("okta.users.read", "api/v1/users?limit=1"),
            ("okta.users.manage", "api/v1/users?limit=1"),
            ("okta.groups.read", "api/v1/groups?limit=1"),
            ("okta.groups.manage", "api/v1/groups?limit=1"),
            ("okta.logs.read", $"api/v1/logs?limit=1&since={Iso(now.AddMinutes(-1))}&until={Iso(now)}"),
            ("okta.networkZones.read", "api/v1/zones?limit=1"),
            ("okta.networkZones.manage", "api/v1/zones?limit=1"),
        };
    }

    private static string Require(string? value, string parameter) =>
        string.IsNullOrEmpty(value) ? throw new MissingCredentialException($"{parameter} is required for this kind of connection.") : value!;

    private static IReadOnlyList<string> RequireScopes(OktaConnectionSettings settings) =>
        settings.Scopes.Count > 0 ? settings.Scopes : throw new MissingCredentialException(
            $"-Scope is required for OAuth connections: name the Okta API scopes granted to the app, for example -Scope okta.logs.read,okta.groups.read (or set {EnvironmentSettings.Scopes}).");
}
