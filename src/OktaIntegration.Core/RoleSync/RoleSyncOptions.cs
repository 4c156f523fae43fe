using System.Collections.Generic;

namespace OktaIntegration.Core.RoleSync;

/// <summary>How far a sync reaches and where it stops.</summary>
public sealed class RoleSyncOptions
{
    /// <summary>Also revoke every role of users in no mapped group (and every role of suspended/deprovisioned members), not only mapped roles.</summary>
    public bool Exclusive { get; set; }

    /// <summary>Logins or user ids (wildcards allowed) that are never touched: break-glass accounts.</summary>
    public IReadOnlyList<string> ExcludeUsers { get; set; } = new List<string>();

    public RevocationLimit MaxRevocation { get; set; } = RevocationLimit.Default;
}
