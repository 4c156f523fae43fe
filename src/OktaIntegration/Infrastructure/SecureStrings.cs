using System.Net;
using System.Security;

namespace OktaIntegration.Infrastructure;

/// <summary>Unwraps a SecureString only at the edge, right before Core needs the text.</summary>
internal static class SecureStrings
{
    public static string? ToPlain(SecureString? value) => value == null ? null : new NetworkCredential(string.Empty, value).Password;
}
