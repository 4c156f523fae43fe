using System;
using System.Collections.Generic;
using OktaIntegration.Emulator.Data;

namespace OktaIntegration.Emulator.Posture;

/// <summary>
/// One enrolled factor of a user, as GET /api/v1/users/{id}/factors returns it: factorType
/// (webauthn, signed_nonce, push, token:software:totp, sms, call, email, question, …),
/// provider (OKTA, FIDO, GOOGLE, YUBICO, …) and status (ACTIVE, PENDING_ACTIVATION, …).
/// </summary>
public sealed class EmulatedFactor
{
    public EmulatedFactor(string id, string factorType, string provider, string status, DateTimeOffset created)
    {
        Id = id;
        FactorType = factorType;
        Provider = provider;
        Status = status;
        Created = created;
    }

    public string Id { get; }

    public string FactorType { get; }

    public string Provider { get; }

    public string Status { get; set; }

    public DateTimeOffset Created { get; }

    public Dictionary<string, object?> ToJson(Uri baseUrl, string userId) => new()
    {
        ["id"] = Id,
        ["factorType"] = FactorType,
        ["provider"] = Provider,
        ["vendorName"] = Provider,
        ["status"] = Status,
        ["created"] = EmulatedUser.Iso(Created),
        ["lastUpdated"] = EmulatedUser.Iso(Created),
        ["profile"] = Profile(),
        ["_links"] = new Dictionary<string, object?>
        {
            ["self"] = new Dictionary<string, object?> { ["href"] = new Uri(baseUrl, $"api/v1/users/{userId}/factors/{Id}").ToString() },
            ["user"] = new Dictionary<string, object?> { ["href"] = new Uri(baseUrl, $"api/v1/users/{userId}").ToString() },
        },
    };

    /// <summary>Profiles differ by type; clients must read them loosely.</summary>
    private Dictionary<string, object?> Profile() => FactorType switch
    {
        "sms" or "call" => new() { ["phoneNumber"] = "+1 555-0100" },
        "email" => new() { ["email"] = "user@example.com" },
        "question" => new() { ["question"] = "favorite_art_piece", ["questionText"] = "What is your favorite piece of art?" },
        "webauthn" => new() { ["credentialId"] = "cred-" + Id, ["authenticatorName"] = "Security Key" },
        "signed_nonce" => new() { ["name"] = "Okta FastPass", ["platform"] = "MACOS" },
        "push" => new() { ["name"] = "Phone", ["platform"] = "IOS" },
        _ => new(),
    };
}
