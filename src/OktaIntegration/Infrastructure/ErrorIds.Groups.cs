namespace OktaIntegration.Infrastructure;

public static partial class ErrorIds
{
    // Groups and role sync
    public const string GroupNotFound = "OktaGroupNotFound";
    public const string InputIsUser = "OktaInputIsUser";
    public const string InvalidRoleMapping = "OktaInvalidRoleMapping";
    public const string RoleStoreLocked = "OktaRoleStoreLocked";
    public const string RoleStoreCorrupt = "OktaRoleStoreCorrupt";
    public const string RoleTargetReadFailed = "OktaRoleTargetReadFailed";
    public const string RevocationLimitExceeded = "OktaRevocationLimitExceeded";
    public const string RoleSyncChangesFailed = "OktaRoleSyncChangesFailed";
    public const string RoleSyncConfirmationRequired = "OktaRoleSyncConfirmationRequired";
}
