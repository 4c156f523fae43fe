using System;
using System.Collections.Generic;
using System.Linq;
using OktaIntegration.Emulator.Data;

namespace OktaIntegration.Emulator.Posture;

/// <summary>
/// What an identity-posture audit reads: enrolled factors, admin role assignments, API tokens,
/// group rules and the ThreatInsight configuration. Ids come from their own seeded source so
/// adding posture data never shifts the ids of users, groups and zones.
/// Lock <see cref="OrgState.Gate"/> around changes that span objects.
/// </summary>
public sealed class PostureState
{
    private readonly Dictionary<string, List<EmulatedFactor>> _factors = new(StringComparer.Ordinal);
    private readonly List<EmulatedRoleAssignment> _roles = new();
    private readonly List<EmulatedApiToken> _tokens = new();
    private readonly List<EmulatedGroupRule> _rules = new();

    public PostureState(int seed)
    {
        Ids = new OktaIds(seed ^ 0x5057);
    }

    public OktaIds Ids { get; }

    public ThreatInsightSettings ThreatInsight { get; } = new();

    public IReadOnlyList<EmulatedRoleAssignment> Roles => _roles;

    public IReadOnlyList<EmulatedApiToken> ApiTokens => _tokens;

    public IReadOnlyList<EmulatedGroupRule> GroupRules => _rules;

    public IReadOnlyList<EmulatedFactor> FactorsOf(string userId) =>
        _factors.TryGetValue(userId, out var list) ? list : Array.Empty<EmulatedFactor>();

    public EmulatedFactor AddFactor(string userId, string factorType, string provider, string status = "ACTIVE")
    {
        var prefix = factorType switch
        {
            "sms" => "mbl",
            "call" => "clf",
            "email" => "emf",
            "question" => "ufs",
            "push" or "signed_nonce" => "opf",
            "webauthn" => "fwf",
            _ => "ost",
        };
        var factor = new EmulatedFactor(Ids.Next(prefix), factorType, provider, status, DateTimeOffset.UtcNow.Date.AddDays(-200));
        if (!_factors.TryGetValue(userId, out var list)) _factors[userId] = list = new List<EmulatedFactor>();
        list.Add(factor);
        return factor;
    }

    public void ClearFactors(string userId) => _factors.Remove(userId);

    public EmulatedRoleAssignment AssignRole(string assignmentType, string assigneeId, string type, string? customRoleId = null, string? resourceSetId = null, string? customLabel = null)
    {
        var role = new EmulatedRoleAssignment(Ids.Next(assignmentType == "GROUP" ? "grp" : "ra1"), type, customLabel ?? RoleLabels.For(type), assignmentType, assigneeId,
            DateTimeOffset.UtcNow.Date.AddDays(-300))
        {
            CustomRoleId = customRoleId,
            ResourceSetId = resourceSetId,
        };
        _roles.Add(role);
        return role;
    }

    public IEnumerable<EmulatedRoleAssignment> RolesHeldBy(string assigneeId) => _roles.Where(r => r.AssigneeId == assigneeId);

    public EmulatedApiToken AddApiToken(EmulatedApiToken token)
    {
        _tokens.Add(token);
        return token;
    }

    public EmulatedGroupRule AddGroupRule(string name, string status, string expression, params string[] groupIds)
    {
        var rule = new EmulatedGroupRule(Ids.Next("0pr"), name, status, expression, groupIds, DateTimeOffset.UtcNow.Date.AddDays(-250));
        _rules.Add(rule);
        return rule;
    }
}

/// <summary>The labels Okta gives its standard admin roles.</summary>
public static class RoleLabels
{
    public static string For(string type) => type switch
    {
        "SUPER_ADMIN" => "Super Administrator",
        "ORG_ADMIN" => "Organizational Administrator",
        "APP_ADMIN" => "Application Administrator",
        "USER_ADMIN" => "Group Administrator",
        "HELP_DESK_ADMIN" => "Help Desk Administrator",
        "GROUP_MEMBERSHIP_ADMIN" => "Group Membership Administrator",
        "READ_ONLY_ADMIN" => "Read-only Administrator",
        "REPORT_ADMIN" => "Report Administrator",
        "API_ACCESS_MANAGEMENT_ADMIN" => "API Access Management Administrator",
        _ => type,
    };
}
