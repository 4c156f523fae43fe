namespace OktaIntegration.Infrastructure;

public static partial class ErrorIds
{
    // Connect-OktaTenant -SettingsPath (many orgs from a settings file)
    public const string SettingsInvalid = "OktaSettingsInvalid";
    public const string SettingsLiteralSecret = "OktaSettingsLiteralSecret";
    public const string SettingsUnknownField = "OktaSettingsUnknownField";
    public const string SettingsDuplicateOrg = "OktaSettingsDuplicateOrg";
    public const string SettingsInsecureOrgUrl = "OktaSettingsInsecureOrgUrl";
    public const string OrgNotInSettings = "OktaOrgNotInSettings";
    public const string SecretManagementMissing = "OktaSecretManagementMissing";
}
