using System;

namespace OktaIntegration.Core.Http;

/// <summary>
/// A next link that points at the page just read. Following it would loop for ever, and taking it
/// as the end would hand back part of a list as if it were all of it (the role sync would revoke
/// the roles of the members it never read), so every paged read treats it as a failed read.
/// </summary>
internal static class RepeatedNextLink
{
    public static void ThrowIfRepeats(Uri page, Uri? next)
    {
        if (next != null && next == page)
            throw new OktaApiException($"Okta's next link for {page.AbsolutePath} repeats the page just read, so the list cannot be read to its end; nothing after this page was read.",
                requestUri: OktaErrorParser.StripQuery(page));
    }
}
