using System;

namespace OktaIntegration.Core.Siem.Destinations;

/// <summary>
/// The URL of an HTTP destination as it may be shown, and the checks every such URL passes. A URL
/// can carry a user name and password (https://user:secret@host); .NET keeps them in
/// GetLeftPart(UriPartial.Authority), so a description or message built that way would print the
/// password. Destinations take credentials only as their own parameters, never in the URL.
/// </summary>
public static class DestinationUrl
{
    /// <summary>Scheme, host and port: never the user information, the path or the query.</summary>
    public static string Shown(Uri url) => url.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);

    /// <summary>
    /// Refuses a URL that carries credentials, and plain http anywhere but loopback (where
    /// <paramref name="clearText"/> says what would travel in clear text).
    /// </summary>
    public static void Check(Uri url, string name, string clearText)
    {
        if (!string.IsNullOrEmpty(url.UserInfo))
            throw new ArgumentException($"The {name} '{Shown(url)}' has a user name or password in it. Remove it from the URL and give the credentials as the cmdlet's own parameters, which keep them out of output and logs.");
        if (url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback)
            throw new ArgumentException($"The {name} '{Shown(url)}' is not https; {clearText} (plain http is allowed on loopback only).");
    }
}
