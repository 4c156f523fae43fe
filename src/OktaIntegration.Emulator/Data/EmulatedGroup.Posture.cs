namespace OktaIntegration.Emulator.Data;

public sealed partial class EmulatedGroup
{
    /// <summary>True once an admin role is assigned to the group (Okta reports it as _embedded.stats.hasAdminPrivilege).</summary>
    public bool HasAdminPrivilege { get; set; }
}
