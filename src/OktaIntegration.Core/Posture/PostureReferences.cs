namespace OktaIntegration.Core.Posture;

/// <summary>The Okta documentation topics findings point to (topic titles as Okta's help and developer sites name them).</summary>
internal static class PostureReferences
{
    public const string PhishingResistant = "Okta Help: Phishing-resistant authentication (FIDO2/WebAuthn, Okta FastPass); Admin Console authentication policy";
    public const string Authenticators = "Okta Help: Authenticators (Security > Authenticators) and authenticator enrollment policies";
    public const string AdminRoles = "Okta Help: Administrators (Security > Administrators); standard administrator roles and permissions";
    public const string UserLifecycle = "Okta Help: User lifecycle (suspend, deactivate); Reports > Okta Password Health and inactive users";
    public const string ApiTokens = "Okta Developer: Manage Okta API tokens (token network conditions, expiry after 30 days unused)";
    public const string ThreatInsight = "Okta Help: Okta ThreatInsight (Security > General > Okta ThreatInsight settings)";
    public const string GroupRules = "Okta Help: Group rules; Developer: Assign admin roles to groups (groups with membership rules)";
}
