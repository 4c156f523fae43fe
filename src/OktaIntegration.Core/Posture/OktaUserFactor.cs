using System;

namespace OktaIntegration.Core.Posture;

/// <summary>
/// One factor a user has enrolled: type, provider, status, and how phishing-resistant it is (from
/// the factor-strength table). Only ACTIVE factors count for sign-in; a factor still
/// PENDING_ACTIVATION protects nothing yet.
/// </summary>
public sealed class OktaUserFactor
{
    internal OktaUserFactor(string userId, string? login, string id, string factorType, string? provider, string? vendorName, string status,
        DateTimeOffset? created, DateTimeOffset? lastUpdated)
    {
        UserId = userId;
        Login = login;
        Id = id;
        FactorType = factorType;
        Provider = provider;
        VendorName = vendorName;
        Status = status;
        Created = created;
        LastUpdated = lastUpdated;
        Strength = FactorStrengthTable.StrengthOf(factorType);
        Description = FactorStrengthTable.DescriptionOf(factorType) ?? factorType;
    }

    public string UserId { get; }

    public string? Login { get; }

    /// <summary>The factor's id.</summary>
    public string Id { get; }

    /// <summary>webauthn, signed_nonce, push, token:software:totp, sms, call, email, question, …</summary>
    public string FactorType { get; }

    public string? Provider { get; }

    public string? VendorName { get; }

    /// <summary>ACTIVE, PENDING_ACTIVATION, NOT_SETUP, …</summary>
    public string Status { get; }

    public DateTimeOffset? Created { get; }

    public DateTimeOffset? LastUpdated { get; }

    public FactorStrength Strength { get; }

    public string Description { get; }

    public bool IsActive => string.Equals(Status, "ACTIVE", StringComparison.Ordinal);

    public bool IsPhishingResistant => Strength == FactorStrength.PhishingResistant;

    public override string ToString() => $"{FactorType} ({Status})";
}
