namespace OktaIntegration.Core.Auth;

/// <summary>Whether token requests carry a DPoP proof.</summary>
public enum DPoPMode
{
    /// <summary>Start without; switch to DPoP if the token endpoint says the app requires it (Okta's default for new service apps).</summary>
    Auto,

    /// <summary>Always send a proof; Okta still answers Bearer if the app does not require DPoP.</summary>
    Always,

    /// <summary>Never send one; an app that requires DPoP then fails with Okta's invalid_dpop_proof.</summary>
    Never,
}
