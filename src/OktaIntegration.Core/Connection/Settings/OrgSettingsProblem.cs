namespace OktaIntegration.Core.Connection.Settings;

/// <summary>What is wrong with a settings file; each kind has its own error id in the module.</summary>
public enum OrgSettingsProblem
{
    /// <summary>Not JSON, an unsupported schema version, a missing or malformed field.</summary>
    Invalid,

    /// <summary>A field that would hold a secret value (clientSecret, apiToken, privateKey, ...): secrets belong in a credential source.</summary>
    LiteralSecret,

    /// <summary>A field the schema does not define (often a typo).</summary>
    UnknownField,

    /// <summary>Two orgs with the same name.</summary>
    DuplicateOrg,

    /// <summary>An org URL that is not https (plain http is allowed on loopback only).</summary>
    InsecureOrgUrl,
}
