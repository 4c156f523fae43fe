using System;

namespace OktaIntegration;

/// <summary>
/// Base of every Okta-specific failure the cmdlets report, so a script can write
/// <c>catch [OktaIntegration.OktaException]</c>. It lives in the cmdlets assembly, not in Core,
/// because on PowerShell 7 Core loads in a private AssemblyLoadContext where type literals such
/// as <c>[OktaIntegration.Core.Http.OktaApiException]</c> cannot be resolved (docs/module-layout.md).
/// The Core exception it replaces is kept as <see cref="Exception.InnerException"/>.
/// Failures .NET already names (ArgumentException, IOException, ...) are reported as they are.
/// </summary>
public class OktaException : Exception
{
    public OktaException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
