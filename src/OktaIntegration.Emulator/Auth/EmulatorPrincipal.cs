using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Http;

namespace OktaIntegration.Emulator.Auth;

/// <summary>Who is calling: an SSWS token (all rights) or an OAuth client with its scopes.</summary>
public sealed class EmulatorPrincipal
{
    private const string ItemKey = "okta.principal";

    public EmulatorPrincipal(string kind, string id, ISet<string>? scopes)
    {
        Kind = kind;
        Id = id;
        Scopes = scopes;
    }

    /// <summary>"SSWS" or "OAUTH".</summary>
    public string Kind { get; }

    /// <summary>The token's index for SSWS, the client id for OAuth.</summary>
    public string Id { get; }

    /// <summary>Null for SSWS (acts as the super admin who created it).</summary>
    public ISet<string>? Scopes { get; }

    public static EmulatorPrincipal? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var p) ? p as EmulatorPrincipal : null;

    internal void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
}
