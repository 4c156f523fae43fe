using System;

namespace OktaIntegration.Core.Http;

/// <summary>
/// A request (usually a <c>next</c> link) pointed away from the connected org. Nothing was sent:
/// following it would hand our credentials to another host.
/// </summary>
public sealed class CrossOriginException : Exception
{
    public CrossOriginException(Uri orgUrl, Uri target)
        : base($"Refused to call {target.GetLeftPart(UriPartial.Path)}: it is not on the connected org {orgUrl.GetLeftPart(UriPartial.Authority)}. " +
               "OktaIntegration only sends credentials to the org it connected to; a link to another origin means a misconfigured proxy or a tampered response.")
    {
        OrgUrl = orgUrl;
        Target = new Uri(target.GetLeftPart(UriPartial.Path));
    }

    public Uri OrgUrl { get; }

    public Uri Target { get; }
}
