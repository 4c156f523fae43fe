using System;
using System.Net;

namespace OktaIntegration.Core.Http;

/// <summary>
/// The org's base URL, validated the way Okta's SDKs validate it: https only (http is allowed
/// for loopback, where the emulator runs), no admin-console host, no placeholder, no path.
/// Every outgoing request is checked against its origin.
/// </summary>
public sealed class OrgUrl
{
    private static readonly string[] AdminSuffixes = { "-admin.okta.com", "-admin.oktapreview.com", "-admin.okta-emea.com", "-admin.okta-gov.com", "-admin.okta.mil" };

    private OrgUrl(Uri baseUri)
    {
        BaseUri = baseUri;
    }

    /// <summary>scheme://host[:port]/ with a trailing slash and nothing else.</summary>
    public Uri BaseUri { get; }

    public string Origin => BaseUri.GetLeftPart(UriPartial.Authority);

    public Uri TokenEndpoint => new(BaseUri, "oauth2/v1/token");

    public Uri Resolve(string relativePathAndQuery) => new(BaseUri, relativePathAndQuery.TrimStart('/'));

    public static OrgUrl Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new InvalidOrgUrlException("The org URL is empty. Give your Okta domain, for example https://yourorg.okta.com (or set OKTA_ORG_URL).");
        var trimmed = text!.Trim();
        if (trimmed.IndexOf("{yourOktaDomain}", StringComparison.OrdinalIgnoreCase) >= 0 || trimmed.IndexOf("yourOktaDomain", StringComparison.OrdinalIgnoreCase) >= 0)
            throw new InvalidOrgUrlException($"The org URL '{trimmed}' still holds the placeholder {{yourOktaDomain}}. Replace it with your org's domain, for example https://yourorg.okta.com.");
        if (!trimmed.Contains("://")) trimmed = "https://" + trimmed;
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new InvalidOrgUrlException($"'{text}' is not a valid org URL. Give your Okta domain, for example https://yourorg.okta.com.");
        var host = uri.Host.ToLowerInvariant();
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw new InvalidOrgUrlException("The org URL must not contain a user name or password; pass credentials with -ApiToken, -PrivateKeyPath or -ClientSecret.");
        foreach (var suffix in AdminSuffixes)
        {
            if (host.EndsWith(suffix, StringComparison.Ordinal))
            {
                var right = host.Substring(0, host.Length - suffix.Length) + suffix.Substring("-admin".Length);
                throw new InvalidOrgUrlException($"'{uri.Host}' is the Admin Console host; the API lives on https://{right}. Connect to that instead.");
            }
        }
        if (host.EndsWith(".com.com", StringComparison.Ordinal))
            throw new InvalidOrgUrlException($"The org URL host '{uri.Host}' ends in .com.com; check it for a typo.");
        var loopback = IsLoopback(host);
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && loopback))
            throw new InvalidOrgUrlException($"The org URL '{text}' must use https. Plain http is allowed only for loopback hosts such as the local emulator (127.0.0.1, localhost).");
        if (uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query))
            throw new InvalidOrgUrlException($"The org URL '{text}' has a path or query; give only the domain, for example {uri.Scheme}://{uri.Authority}.");
        return new OrgUrl(new Uri(uri.GetLeftPart(UriPartial.Authority) + "/"));
    }

    public bool IsSameOrigin(Uri target) =>
        target.IsAbsoluteUri
        && string.Equals(target.Scheme, BaseUri.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(target.Host, BaseUri.Host, StringComparison.OrdinalIgnoreCase)
        && target.Port == BaseUri.Port;

    public void EnsureSameOrigin(Uri target)
    {
        if (!IsSameOrigin(target)) throw new CrossOriginException(BaseUri, target);
    }

    /// <summary>localhost or a loopback address: the only hosts plain http is allowed for.</summary>
    internal static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    public override string ToString() => Origin;
}
