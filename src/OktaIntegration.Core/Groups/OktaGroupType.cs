namespace OktaIntegration.Core.Groups;

/// <summary>Okta's group types (names as the API spells them, so -Type tab-completes to what Okta shows).</summary>
public enum OktaGroupType
{
    /// <summary>Managed in Okta.</summary>
    OKTA_GROUP,

    /// <summary>Imported from AD, LDAP or an app; read-only in Okta.</summary>
    APP_GROUP,

    /// <summary>Built in, such as Everyone; can't be modified.</summary>
    BUILT_IN,
}
