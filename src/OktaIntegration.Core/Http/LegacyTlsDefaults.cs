using System.Net;
using System.Security.Authentication;

namespace OktaIntegration.Core.Http;

/// <summary>
/// Windows PowerShell 5.1 runs this module's netstandard2.0 build on .NET Framework, where the TLS
/// versions a process may use come from <see cref="ServicePointManager.SecurityProtocol"/>. Depending
/// on the Windows version, its updates and registry settings, that can still be SSL 3 and TLS 1.0
/// only; Okta and the SIEM endpoints require TLS 1.2, so every request would fail with "an
/// unexpected error occurred on a send". Before the first connection we add TLS 1.2 to the
/// process's list. We never remove a version and leave SystemDefault (the OS chooses, TLS 1.2 and
/// 1.3 included) alone, so other code in the session loses nothing. On .NET 8 (PowerShell 7) the OS
/// always chooses and nothing is changed.
/// </summary>
public static class LegacyTlsDefaults
{
    /// <summary>The process's list with TLS 1.2 added where the list is explicit and lacks it.</summary>
    public static SecurityProtocolType WithTls12(SecurityProtocolType current) =>
        current == 0 || (current & SecurityProtocolType.Tls12) != 0 ? current : current | SecurityProtocolType.Tls12;

    /// <summary>
    /// The versions an <c>SslStream</c> should offer to match the process's HTTPS list (the enums
    /// share their values; SystemDefault is <see cref="SslProtocols.None"/>, the OS's choice).
    /// </summary>
    public static SslProtocols ForSslStream(SecurityProtocolType process) => (SslProtocols)(int)process;

    /// <summary>On .NET Framework, adds TLS 1.2 to the process's list (see the class remarks); nothing elsewhere.</summary>
    public static void EnsureTls12()
    {
#if !NET
        var current = ServicePointManager.SecurityProtocol;
        var wanted = WithTls12(current);
        if (wanted != current) ServicePointManager.SecurityProtocol = wanted;
#endif
    }
}
