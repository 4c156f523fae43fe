using System;

namespace OktaIntegration.Core.Auth;

/// <summary>What the user must see to approve a device sign-in: where to go and the code to enter. Holds no secret (the device code stays inside).</summary>
public sealed class DeviceCodePrompt
{
    public DeviceCodePrompt(Uri verificationUri, Uri? verificationUriComplete, string userCode, DateTimeOffset expiresAt)
    {
        VerificationUri = verificationUri;
        VerificationUriComplete = verificationUriComplete;
        UserCode = userCode;
        ExpiresAt = expiresAt;
    }

    public Uri VerificationUri { get; }

    /// <summary>The same page with the code filled in, when Okta gives it.</summary>
    public Uri? VerificationUriComplete { get; }

    public string UserCode { get; }

    public DateTimeOffset ExpiresAt { get; }

    public override string ToString() =>
        $"To sign in, open {VerificationUri} and enter the code {UserCode}" +
        (VerificationUriComplete != null ? $" (or open {VerificationUriComplete})" : string.Empty) +
        $". The code expires at {ExpiresAt.UtcDateTime:u}.";
}
