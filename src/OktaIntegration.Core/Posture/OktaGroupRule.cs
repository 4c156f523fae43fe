using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Posture;

/// <summary>A group rule: while ACTIVE, every user whose profile matches <see cref="Expression"/> is put into <see cref="GroupIds"/>.</summary>
public sealed class OktaGroupRule
{
    internal OktaGroupRule(string id, string name, string status, string? expression, IReadOnlyList<string> groupIds)
    {
        Id = id;
        Name = name;
        Status = status;
        Expression = expression;
        GroupIds = groupIds;
    }

    public string Id { get; }

    public string Name { get; }

    public string Status { get; }

    public string? Expression { get; }

    public IReadOnlyList<string> GroupIds { get; }

    public bool IsActive => string.Equals(Status, "ACTIVE", StringComparison.Ordinal);

    /// <summary>True when the condition reads the user's profile (user.department, user.title, …), which users or their HR feed can change.</summary>
    public bool MatchesOnProfile => Expression != null && Expression.IndexOf("user.", StringComparison.Ordinal) >= 0;
}
