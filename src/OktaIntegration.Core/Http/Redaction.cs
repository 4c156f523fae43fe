using System;
using System.Text.RegularExpressions;

namespace OktaIntegration.Core.Http;

/// <summary>
/// Last line of defence for text that leaves Core: query values that look like credentials are
/// masked. Credentials are never put into URLs by OktaIntegration, but a user-supplied URL might.
/// </summary>
public static class Redaction
{
    private static readonly Regex SecretQuery = new(
        @"(?i)([?&](?:token|access_token|client_secret|client_assertion|api_token|code|password)=)[^&#]*",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    public static string RedactUrl(Uri uri) => SecretQuery.Replace(uri.ToString(), "$1***");
}
