using System;

namespace OktaIntegration.Core.Auth;

/// <summary>
/// A private key (file or text) that cannot be used to sign: empty, a directory, malformed
/// JSON or PEM, an algorithm or curve Okta does not accept. The cmdlets map this type to
/// OktaInvalidPrivateKey; the message names the file and never echoes key material.
/// It is an <see cref="ArgumentException"/> because the input is what is wrong.
/// </summary>
public sealed class InvalidPrivateKeyException : ArgumentException
{
    public InvalidPrivateKeyException(string message, string source, Exception? innerException = null)
        : base(message, innerException)
    {
        KeySource = source;
    }

    /// <summary>The file path, or the parameter name when the key was given as text.</summary>
    public string KeySource { get; }
}
