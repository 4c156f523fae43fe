using System;
using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.Core.RoleSync;

/// <summary>One user as the target knows them now: login, Okta id if the target stores it, and current roles.</summary>
public sealed class RoleHolder
{
    public RoleHolder(string login, string? userId, IEnumerable<string> roles)
    {
        if (string.IsNullOrWhiteSpace(login) && string.IsNullOrWhiteSpace(userId))
            throw new ArgumentException("A current assignment names neither a login nor a user id.");
        Login = login?.Trim() ?? string.Empty;
        UserId = string.IsNullOrWhiteSpace(userId) ? null : userId!.Trim();
        Roles = roles.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    public string Login { get; }

    public string? UserId { get; }

    public IReadOnlyList<string> Roles { get; }
}
