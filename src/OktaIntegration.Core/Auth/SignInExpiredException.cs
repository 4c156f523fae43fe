using System;

namespace OktaIntegration.Core.Auth;

/// <summary>The token of an interactive sign-in lapsed and cannot be renewed: the user must sign in again.</summary>
public sealed class SignInExpiredException : Exception
{
    public SignInExpiredException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
