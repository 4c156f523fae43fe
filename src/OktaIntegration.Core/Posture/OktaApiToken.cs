using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Posture;

/// <summary>
/// An SSWS API token's metadata: name, owner, client, created and last updated, its network
/// condition, and when it expires. Okta never returns a token's value after creation, and this
/// type has no place for one. A token expires after <see cref="TokenWindow"/> without use, so
/// <see cref="LastUsed"/> is derived as expiresAt − tokenWindow.
/// </summary>
public sealed class OktaApiToken
{
    internal OktaApiToken(string id, string name, string? userId, string? clientName, TimeSpan? tokenWindow, DateTimeOffset? expiresAt,
        DateTimeOffset? created, DateTimeOffset? lastUpdated, string networkConnection, IReadOnlyList<string> includeZones, IReadOnlyList<string> excludeZones)
    {
        Id = id;
        Name = name;
        UserId = userId;
        ClientName = clientName;
        TokenWindow = tokenWindow;
        ExpiresAt = expiresAt;
        Created = created;
        LastUpdated = lastUpdated;
        NetworkConnection = networkConnection;
        _include = includeZones;
        _exclude = excludeZones;
    }

    public string Id { get; }

    public string Name { get; }

    /// <summary>The user who created the token; it acts with that user's admin rights.</summary>
    public string? UserId { get; }

    /// <summary>The client the token was created for ("Okta API" for the console).</summary>
    public string? ClientName { get; }

    /// <summary>How long the token lives without use (Okta's default is 30 days).</summary>
    public TimeSpan? TokenWindow { get; }

    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>When the token was last used: its expiry minus its window (null when Okta sent neither).</summary>
    public DateTimeOffset? LastUsed => ExpiresAt is { } expires && TokenWindow is { } window ? expires - window : null;

    public DateTimeOffset? Created { get; }

    public DateTimeOffset? LastUpdated { get; }

    /// <summary>ANYWHERE, or ZONE with <see cref="IncludeZones"/>/<see cref="ExcludeZones"/>.</summary>
    public string NetworkConnection { get; }

    private readonly IReadOnlyList<string> _include;
    private readonly IReadOnlyList<string> _exclude;

    /// <summary>Included zone ids, comma-separated (a scalar, so Export-Csv writes it); GetIncludeZones() gives the list.</summary>
    public string IncludeZones => string.Join(", ", _include);

    /// <summary>Excluded zone ids, comma-separated; GetExcludeZones() gives the list.</summary>
    public string ExcludeZones => string.Join(", ", _exclude);

    public IReadOnlyList<string> GetIncludeZones() => _include;

    public IReadOnlyList<string> GetExcludeZones() => _exclude;

    /// <summary>True when the token works from any IP: ANYWHERE, or ZONE with no included zone (excludes alone leave the rest of the internet open).</summary>
    public bool UsableFromAnyIp =>
        !string.Equals(NetworkConnection, "ZONE", StringComparison.OrdinalIgnoreCase) || _include.Count == 0;

    public override string ToString() => $"{Name} ({Id})";
}
