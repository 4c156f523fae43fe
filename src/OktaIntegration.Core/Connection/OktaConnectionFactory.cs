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
        var type = settings.AuthenticationType ?? throw new ArgumentException(
            "No credentials given. Use -ApiToken, -ClientId with -PrivateKeyPath (or -PrivateKey), -ClientId with -ClientSecret, or -AccessToken; " +
            $"or set {EnvironmentSettings.ApiToken} or {EnvironmentSettings.ClientId} and {EnvironmentSettings.PrivateKeyPath}.");

        OAuthClientCredentialsAuthenticator? oauth = null;
        IRequestAuthenticator authenticator;
        switch (type)
        {
            case AuthenticationType.ApiToken:
                authenticator = new SswsAuthenticator(Require(settings.ApiToken, "-ApiToken"));
                break;
            case AuthenticationType.AccessToken:
                authenticator = new StaticAccessTokenAuthenticator(Require(settings.AccessToken, "-AccessToken"));
                break;
            case AuthenticationType.PrivateKeyJwt:
            {
                var clientId = Require(settings.ClientId, "-ClientId");
                var key = settings.PrivateKey != null
                    ? PrivateKeyLoader.Load(settings.PrivateKey, settings.KeyId, "-PrivateKey")
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
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), type, "Unknown authentication type.");
        }

        var transport = new OktaTransport(org, authenticator, settings.Retry,
            handler ?? OktaTransport.CreateDefaultHandler(settings.Proxy, settings.ProxyCredential), log);
        var connection = new OktaConnection(org, type, transport, oauth, settings.ClientId, settings.Scopes);
        if (settings.SkipVerification) return connection;
        try
        {
            await ReadOrganizationAsync(connection, cancellationToken).ConfigureAwait(false);
            if (oauth != null) await oauth.GetTokenAsync(cancellationToken).ConfigureAwait(false);
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
        };
        var response = await connection.Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess) return;
        using var doc = JsonDocument.Parse(response.BodyMemory);
        if (doc.RootElement.TryGetProperty("pipeline", out var pipeline))
            connection.Engine = pipeline.GetString() == "idx" ? "OIE" : "Classic";
        if (doc.RootElement.TryGetProperty("id", out var id)) connection.OrgId = id.GetString();
    }

    /// <summary>One cheap call that the credentials should allow: for SSWS the token's own admin; for OAuth, a one-item list in a granted scope.</summary>
    private static async Task ProveAsync(OktaConnection connection, CancellationToken cancellationToken)
    {
        var path = ProbePath(connection.AuthenticationType, connection.Scopes);
        if (path == null)
        {
            connection.Transport.Log.Verbose("No read scope to prove the connection with; the token itself was obtained.");
            return;
        }
        await connection.Transport.SendAsync(new OktaRequest(HttpMethodKind.Get, connection.Org.Resolve(path)), cancellationToken).ConfigureAwait(false);
    }

    internal static string? ProbePath(AuthenticationType type, IReadOnlyList<string> scopes)
    {
        if (type == AuthenticationType.ApiToken || (type == AuthenticationType.AccessToken && scopes.Count == 0)) return "api/v1/users/me";
        var now = DateTimeOffset.UtcNow;
        string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        var probes = new (string Scope, string Path)[]
        {
            ("okta.users.read", "api/v1/users?limit=1"),
            ("okta.users.manage", "api/v1/users?limit=1"),
            ("okta.groups.read", "api/v1/groups?limit=1"),
            ("okta.groups.manage", "api/v1/groups?limit=1"),
            ("okta.logs.read", $"api/v1/logs?limit=1&since={Iso(now.AddMinutes(-1))}&until={Iso(now)}"),
            ("okta.networkZones.read", "api/v1/zones?limit=1"),
            ("okta.networkZones.manage", "api/v1/zones?limit=1"),
        };
        return probes.FirstOrDefault(p => scopes.Contains(p.Scope, StringComparer.Ordinal)).Path;
    }

    private static string Require(string? value, string parameter) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException($"{parameter} is required for this kind of connection.") : value!;

    private static IReadOnlyList<string> RequireScopes(OktaConnectionSettings settings) =>
        settings.Scopes.Count > 0 ? settings.Scopes : throw new ArgumentException(
            $"-Scope is required for OAuth connections: name the Okta API scopes granted to the app, for example -Scope okta.logs.read,okta.groups.read (or set {EnvironmentSettings.Scopes}).");
}
