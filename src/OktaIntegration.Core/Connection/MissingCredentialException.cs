using System;

namespace OktaIntegration.Core.Connection;

/// <summary>A credential or scope the chosen kind of connection needs was not given (nor found in the environment). Mapped to OktaMissingCredential.</summary>
public sealed class MissingCredentialException : ArgumentException
{
    public MissingCredentialException(string message)
        : base(message)
    {
    }
}
