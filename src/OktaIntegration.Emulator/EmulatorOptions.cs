using System;
using System.Collections.Generic;

namespace OktaIntegration.Emulator;

/// <summary>What the emulated org accepts and how it behaves. Tests build one; the program fills one from its command line.</summary>
public sealed partial class EmulatorOptions
{
    /// <summary>SSWS API tokens the org accepts. They act with every scope (a super admin's token).</summary>
    public List<string> ApiTokens { get; } = new();

    /// <summary>Registered API Services apps (OAuth client credentials).</summary>
    public List<ServiceAppRegistration> Apps { get; } = new();

    /// <summary>How many System Log events to seed.</summary>
    public int EventCount { get; set; } = 500;

    /// <summary>Seed for the deterministic data generator: the same seed gives the same org.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>How many users to seed (spread over every status).</summary>
    public int UserCount { get; set; } = 60;

    /// <summary>Groups added after seeding, each with that many generated members (the program's --group).</summary>
    public List<(string Name, int Members)> GeneratedGroups { get; } = new();

    /// <summary>Access-token lifetime. Okta's is always 3600 s; tests shorten it to exercise renewal.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rate-limit buckets: an exact path (<c>/api/v1/logs</c>) or a prefix ending in <c>*</c> (<c>/api/v1/users*</c>). Unmatched paths use <see cref="DefaultRateLimit"/>.</summary>
    public Dictionary<string, RateLimitRule> RateLimits { get; } = new(StringComparer.Ordinal);

    /// <summary>The bucket for paths no other rule matches. Generous, so headers are there but tests are not slowed.</summary>
    public RateLimitRule DefaultRateLimit { get; set; } = new(100_000, TimeSpan.FromMinutes(1));

    /// <summary>Simultaneous requests allowed before a concurrency 429 (Okta: 75 for Workforce orgs).</summary>
    public int ConcurrencyLimit { get; set; } = 75;

    /// <summary>When true, API calls with a DPoP token must carry the current nonce (RFC 9449 resource-server nonce).</summary>
    public bool RequireResourceDPoPNonce { get; set; }

    /// <summary>"idx" (Identity Engine) or "v1" (Classic), as /.well-known/okta-organization reports it.</summary>
    public string Pipeline { get; set; } = "idx";

    /// <summary>Allowed difference between a client's clock and ours for JWT iat checks.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>A rate-limit bucket: <see cref="Limit"/> requests per <see cref="Window"/>.</summary>
public sealed record RateLimitRule(int Limit, TimeSpan Window);

/// <summary>An API Services app: its id, the public keys its assertions are checked with or a secret, its granted scopes, and whether it requires DPoP.</summary>
public sealed class ServiceAppRegistration
{
    public ServiceAppRegistration(string clientId)
    {
        ClientId = clientId;
    }

    public string ClientId { get; }

    /// <summary>Public JWKs (JSON objects with kid). More than one key makes kid mandatory, as on Okta.</summary>
    public List<string> PublicJwks { get; } = new();

    public string? ClientSecret { get; set; }

    public HashSet<string> GrantedScopes { get; } = new(StringComparer.Ordinal);

    public bool RequireDPoP { get; set; }

    /// <summary>A native (public) app: no secret or key, signs users in with the device authorization grant; offline_access gets a refresh token.</summary>
    public bool PublicClient { get; set; }
}
