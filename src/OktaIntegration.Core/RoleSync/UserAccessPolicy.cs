using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.RoleSync;

/// <summary>
/// Which Okta statuses still allow access and so keep mapped roles. SUSPENDED and
/// DEPROVISIONED users get none. STAGED and PROVISIONED (not yet activated) keep them so
/// accounts can be prepared before a start date; LOCKED_OUT, PASSWORD_EXPIRED and RECOVERY
/// are temporary. A status Okta adds later is treated as no access, the safe side.
/// </summary>
public static class UserAccessPolicy
{
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "ACTIVE", "STAGED", "PROVISIONED", "ACTIVATING", "RECOVERY", "LOCKED_OUT", "PASSWORD_EXPIRED",
    };

    public static bool AllowsAccess(string? status) => status != null && Allowed.Contains(status);
}
