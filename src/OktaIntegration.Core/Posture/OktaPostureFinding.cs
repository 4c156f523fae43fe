using System;

namespace OktaIntegration.Core.Posture;

/// <summary>
/// One problem Test-OktaPosture found: which check, how severe, about what (a user, group, API
/// token or setting), the numbers behind it, what to do and where Okta documents it. Findings
/// about a user carry <see cref="UserId"/>, which binds by property name to Suspend-OktaUser and
/// Revoke-OktaUserSession; other findings leave it empty so they can never act on a user by accident.
/// All properties are scalars, so Export-Csv writes one clean row per finding.
/// </summary>
public sealed class OktaPostureFinding
{
    public OktaPostureFinding(string check, PostureSeverity severity, string subjectType, string subject, string? subjectId, string detail,
        string recommendation, string reference, string? userId = null)
    {
        Check = check;
        Severity = severity;
        SubjectType = subjectType;
        Subject = subject;
        SubjectId = subjectId;
        Detail = detail;
        Recommendation = recommendation;
        Reference = reference;
        UserId = userId;
    }

    /// <summary>The check's name, e.g. AdminWithoutPhishingResistantFactor, DormantUser, ApiTokenAnyNetwork.</summary>
    public string Check { get; }

    public PostureSeverity Severity { get; }

    /// <summary>User, Group, ApiToken or Setting.</summary>
    public string SubjectType { get; }

    /// <summary>The user's login, the group's or token's name, or the setting.</summary>
    public string Subject { get; }

    public string? SubjectId { get; }

    /// <summary>What was found, with the numbers (days, counts, factor types).</summary>
    public string Detail { get; }

    public string Recommendation { get; }

    /// <summary>The Okta documentation topic to read.</summary>
    public string Reference { get; }

    /// <summary>The user the finding is about (only for user findings).</summary>
    public string? UserId { get; }

    public DateTimeOffset DetectedAt { get; } = DateTimeOffset.UtcNow;

    public override string ToString() => $"[{Severity}] {Check}: {Subject} — {Detail}";
}
