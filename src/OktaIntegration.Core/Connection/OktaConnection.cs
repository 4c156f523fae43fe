using System;
using System.Collections.Generic;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Connection;

/// <summary>
/// A proven connection to one org: what Connect-OktaTenant -PassThru writes and what every
/// cmdlet's -Connection takes. It shows what an admin needs to know (org, auth type, scopes,
/// DPoP, token expiry, engine) and holds the transport; it never shows a secret.
/// </summary>
public sealed class OktaConnection : IDisposable
{
    private readonly OAuthClientCredentialsAuthenticator? _oauth;
    private readonly StaticAccessTokenAuthenticator? _preObtained;
    private bool _disposed;

    internal OktaConnection(OrgUrl org, AuthenticationType type, OktaTransport transport, OAuthClientCredentialsAuthenticator? oauth,
        string? clientId, IReadOnlyList<string> requestedScopes, StaticAccessTokenAuthenticator? preObtained = null)
    {
        _preObtained = preObtained;
        Org = org;
        AuthenticationType = type;
        Transport = transport;
        _oauth = oauth;
        ClientId = clientId;
        RequestedScopes = requestedScopes;
        ConnectedAt = DateTimeOffset.UtcNow;
    }

    public string OrgUrl => Org.Origin;

    public AuthenticationType AuthenticationType { get; }

    public string? ClientId { get; }

    /// <summary>
    /// Scopes in the current access token (what Okta granted), or those requested before a token
    /// exists; for a pre-obtained JWT, its scp claim.
    /// </summary>
    public IReadOnlyList<string> Scopes => _oauth?.CurrentToken?.Scopes
        ?? (_preObtained?.Claims is { Scopes.Count: > 0 } claims ? claims.Scopes : RequestedScopes);

    public IReadOnlyList<string> RequestedScopes { get; }

    public bool DPoP => _oauth?.UsesDPoP ?? _preObtained?.UsesDPoP ?? false;

    /// <summary>When the access token expires: from the token response, or a pre-obtained JWT's exp claim; null for SSWS and opaque tokens.</summary>
    public DateTimeOffset? TokenExpiresAt => _oauth?.CurrentToken?.ExpiresAt ?? _preObtained?.Claims?.ExpiresAt;

    /// <summary>The org's name in the settings file it was connected from; null for a connection made without one.</summary>
    public string? Name { get; internal set; }

    /// <summary>"OIE" (Identity Engine), "Classic", or null when the org did not say (custom domains may not serve the well-known document).</summary>
    public string? Engine { get; internal set; }

    public string? OrgId { get; internal set; }

    public DateTimeOffset ConnectedAt { get; }

    public bool IsDisposed => _disposed;

    internal OrgUrl Org { get; }

    /// <summary>For Core services (System Log reader, groups, users): every call goes through it.</summary>
    public OktaTransport Transport { get; }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Transport.Dispose();
    }

    public override string ToString() => $"{(Name != null ? Name + ": " : string.Empty)}{OrgUrl} ({AuthenticationType}{(ClientId != null ? " " + ClientId : string.Empty)}{(DPoP ? ", DPoP" : string.Empty)})";
}
