using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Posture;

/// <summary>What Test-OktaPosture checks and its thresholds.</summary>
public sealed class PostureOptions
{
    /// <summary>The checks to run (names from <see cref="PostureChecks.All"/>); empty runs them all.</summary>
    public IReadOnlyList<string> Checks { get; set; } = Array.Empty<string>();

    /// <summary>More super admins than this is a finding (default 4).</summary>
    public int MaxSuperAdmins { get; set; } = 4;

    /// <summary>Active users without a sign-in for this many days are dormant (default 90).</summary>
    public int DormantDays { get; set; } = 90;

    /// <summary>API tokens neither used nor updated for this many days are stale (default 30).</summary>
    public int ApiTokenStaleDays { get; set; } = 30;

    /// <summary>ThreatInsight in Audit is a finding when security.threat.detected was logged within this many days (default 7).</summary>
    public int ThreatLookbackDays { get; set; } = 7;

    /// <summary>Read factors for every active user (one call each), not only admins.</summary>
    public bool AllUsers { get; set; }

    /// <summary>A JSON file of factors read before; users whose lastUpdated has not changed are not read again.</summary>
    public string? CachePath { get; set; }

    /// <summary>Factor reads in flight at once (the pacer still holds them inside the rate limit).</summary>
    public int Parallelism { get; set; } = 8;

    public void Validate()
    {
        if (MaxSuperAdmins < 0) throw new ArgumentException($"-MaxSuperAdmins {MaxSuperAdmins} cannot be negative.");
        if (DormantDays < 1) throw new ArgumentException($"-DormantDays {DormantDays} must be at least 1.");
        if (ApiTokenStaleDays < 1) throw new ArgumentException($"-ApiTokenStaleDays {ApiTokenStaleDays} must be at least 1.");
        if (Parallelism < 1 || Parallelism > 32) throw new ArgumentException($"-ThrottleLimit {Parallelism} must be between 1 and 32 (Okta allows 75 concurrent requests per org, shared by every client).");
        foreach (var name in Checks)
        {
            if (PostureChecks.Find(name) == null)
                throw new ArgumentException($"'{name}' is not a posture check. Checks: {string.Join(", ", PostureChecks.Names)}.");
        }
    }
}
