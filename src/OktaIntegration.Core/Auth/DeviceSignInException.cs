using System;

namespace OktaIntegration.Core.Auth;

/// <summary>Why a device sign-in ended without a token.</summary>
public enum DeviceSignInFailure
{
    /// <summary>The user (or an admin policy) refused the sign-in: access_denied.</summary>
    Denied,

    /// <summary>Nobody approved the code before it lapsed: expired_token.</summary>
    Expired,
}

/// <summary>A device authorization that Okta ended without a token; the message says what to do.</summary>
public sealed class DeviceSignInException : Exception
{
    public DeviceSignInException(DeviceSignInFailure failure, string message, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
    }

    public DeviceSignInFailure Failure { get; }
}
