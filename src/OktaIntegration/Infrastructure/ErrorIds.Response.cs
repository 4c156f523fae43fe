namespace OktaIntegration.Infrastructure;

public static partial class ErrorIds
{
    // Identity response actions (Revoke-OktaUserSession, Suspend-OktaUser, Resume-OktaUser, Block-/Unblock-OktaIpAddress)
    public const string UserNotFound = "OktaUserNotFound";
    public const string UserStateInvalid = "OktaUserStateInvalid";
    public const string UserIdBlank = "OktaUserIdBlank";
    public const string InputIsGroup = "OktaInputIsGroup";
    public const string InputIsNotUser = "OktaInputIsNotUser";
    public const string InvalidIpAddress = "OktaInvalidIpAddress";
    public const string AmbiguousIpAddress = "OktaAmbiguousIpAddress";
    public const string IpBlockCoversEveryAddress = "OktaIpBlockCoversEveryAddress";
    public const string IpBlockNeedsForce = "OktaIpBlockNeedsForce";
    public const string ZoneNotFound = "OktaZoneNotFound";
    public const string ZoneNotBlocklist = "OktaZoneNotBlocklist";
    public const string BlocklistLimitExceeded = "OktaBlocklistLimitExceeded";
}
