using System;
using System.Collections.Generic;
using System.Linq;
using OktaUser = OktaIntegration.Core.Users.OktaUser;

namespace OktaIntegration.Core.Posture;

/// <summary>
/// Everything the checks read, gathered once by <see cref="PostureAuditor"/>. A part a selected
/// check does not need is left null, and checks never call Okta themselves, so they are plain
/// functions of this snapshot.
/// </summary>
public sealed class PostureSnapshot
{
    private static readonly HashSet<string> SignInStatuses = new(StringComparer.Ordinal) { "ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT", "RECOVERY" };
    private IReadOnlyList<AdminPerson>? _admins;

    public PostureSnapshot(DateTimeOffset now, PostureOptions options)
    {
        Now = now;
        Options = options;
    }

    public DateTimeOffset Now { get; }

    public PostureOptions Options { get; }

    public AdminAssignmentSet? Admins { get; set; }

    /// <summary>Users with status ACTIVE.</summary>
    public IReadOnlyList<OktaUser>? ActiveUsers { get; set; }

    /// <summary>Factors by user id, for every user whose factors were read (admins; everyone with AllUsers).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<OktaUserFactor>> Factors { get; set; } = new Dictionary<string, IReadOnlyList<OktaUserFactor>>();

    public IReadOnlyList<OktaApiToken>? ApiTokens { get; set; }

    /// <summary>API token owners by id; null for an owner who no longer exists.</summary>
    public IReadOnlyDictionary<string, OktaUser?> TokenOwners { get; set; } = new Dictionary<string, OktaUser?>();

    public OktaThreatInsight? ThreatInsight { get; set; }

    /// <summary>security.threat.detected events in the lookback (at least this many; the read stops at the first page).</summary>
    public int? RecentThreatEvents { get; set; }

    public IReadOnlyList<OktaGroupRule>? GroupRules { get; set; }

    /// <summary>True when the status lets the user sign in (so their factors matter).</summary>
    public static bool CanSignIn(string? status) => status != null && SignInStatuses.Contains(status);

    /// <summary>Each user holding an admin role, directly or through a group, with every role they hold.</summary>
    public IReadOnlyList<AdminPerson> AdminPeople => _admins ??= Admins == null
        ? Array.Empty<AdminPerson>()
        : Admins.HeldByUsers.Where(a => a.UserId != null)
            .GroupBy(a => a.UserId!, StringComparer.Ordinal)
            .Select(g => new AdminPerson(g.Key, g.First().Login, g.First().UserStatus, g.ToList()))
            .ToList();
}

/// <summary>A user and the admin roles they hold.</summary>
public sealed class AdminPerson
{
    public AdminPerson(string userId, string? login, string? status, IReadOnlyList<OktaAdminAssignment> roles)
    {
        UserId = userId;
        Login = login;
        Status = status;
        Roles = roles;
    }

    public string UserId { get; }

    public string? Login { get; }

    public string? Status { get; }

    public IReadOnlyList<OktaAdminAssignment> Roles { get; }

    public bool IsSuperAdmin => Roles.Any(r => r.IsSuperAdmin);

    public string Name => Login ?? UserId;

    /// <summary>"SUPER_ADMIN (via Okta Super Admins), ORG_ADMIN".</summary>
    public string RoleSummary => string.Join(", ", Roles.Select(r => r.RoleType + (r.ViaGroup ? $" (via {r.GroupName})" : string.Empty)).Distinct());
}
