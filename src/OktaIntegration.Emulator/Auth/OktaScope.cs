using Microsoft.AspNetCore.Builder;

namespace OktaIntegration.Emulator.Auth;

/// <summary>
/// Endpoint metadata naming the scope an OAuth token needs, e.g. okta.groups.read. A token with
/// the matching manage scope passes too (Okta: manage includes read). SSWS tokens pass always.
/// </summary>
public sealed class OktaScope
{
    public OktaScope(string scope)
    {
        Scope = scope;
    }

    public string Scope { get; }

    public bool IsSatisfiedBy(System.Collections.Generic.ISet<string> granted) =>
        granted.Contains(Scope) || (Scope.EndsWith(".read", System.StringComparison.Ordinal) && granted.Contains(Scope.Substring(0, Scope.Length - 5) + ".manage"));
}

public static class OktaScopeExtensions
{
    /// <summary>Declares the Okta scope an endpoint requires.</summary>
    public static TBuilder RequireOktaScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OktaScope(scope));
}
