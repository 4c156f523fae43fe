namespace OktaIntegration.Core.RoleSync;

/// <summary>What one change does in the target.</summary>
public enum RoleChangeAction
{
    /// <summary>Adds the user to the target before roles are granted (targets that manage accounts).</summary>
    CreateUser,

    Grant,

    Revoke,

    /// <summary>Removes an account the sync has taken its last role from (targets that manage accounts).</summary>
    RemoveUser,
}
