namespace OktaIntegration.Core.Posture;

/// <summary>How well a factor resists phishing; the mapping from factor types is data (FactorStrength.tsv).</summary>
public enum FactorStrength
{
    /// <summary>A factor type the table does not list.</summary>
    Unknown = 0,

    /// <summary>SMS, voice call, email, security question.</summary>
    Weak = 1,

    /// <summary>Push, TOTP, hardware OTP: possession-based, but relayable by a real-time phishing proxy.</summary>
    Strong = 2,

    /// <summary>FIDO2/WebAuthn, U2F, Okta FastPass.</summary>
    PhishingResistant = 3,
}
