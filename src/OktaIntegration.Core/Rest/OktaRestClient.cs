using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Rest;

/// <summary>
/// Any Okta API call, for the paths the module has no cmdlet for (Invoke-OktaRestMethod). It goes
/// through the connection's transport, so it gets the same authentication, DPoP proofs, pacing,
/// retries and origin guard as every other call: credentials only ever go to the connected org.
/// </summary>
public sealed class OktaRestClient
{
    private readonly OktaTransport _transport;

    public OktaRestClient(OktaTransport transport)
    {
        _transport = transport;
    }

    /// <summary>
    /// The URL for <paramref name="pathOrUrl"/>: a path ("/api/v1/users?limit=2", "api/v1/users")
    /// is resolved against the org; an absolute URL must be on the org's origin (a next link, a
    /// URL copied from Okta's docs for this org). Anything else is refused before a byte is sent.
    /// </summary>
    public Uri Resolve(string pathOrUrl)
    {
        if (string.IsNullOrWhiteSpace(pathOrUrl)) throw new ArgumentException("The API path is empty. Give a path such as /api/v1/users.", nameof(pathOrUrl));
        var text = pathOrUrl.Trim();
        // A scheme-relative URL names a host: treat it as absolute, so the origin check sees it.
        if (text.StartsWith("//", StringComparison.Ordinal)) text = _transport.Org.BaseUri.Scheme + ":" + text;
        // On Unix "/api/v1/users" parses as an absolute file URI: a leading slash is always a path.
        if (!text.StartsWith("/", StringComparison.Ordinal) && Uri.TryCreate(text, UriKind.Absolute, out var absolute))
        {
            if (absolute.Scheme != Uri.UriSchemeHttp && absolute.Scheme != Uri.UriSchemeHttps)
                throw new ArgumentException($"'{pathOrUrl}' is not an http(s) URL. Give an API path such as /api/v1/users.", nameof(pathOrUrl));
            _transport.Org.EnsureSameOrigin(absolute);
            return absolute;
        }
        return _transport.Org.Resolve(text);
    }

    /// <summary>Sends one request; a non-success status throws <see cref="OktaApiException"/> with Okta's error details.</summary>
    public Task<OktaRestResponse> SendAsync(HttpMethodKind method, Uri uri, string? jsonBody, CancellationToken cancellationToken)
    {
        // POST and PATCH are not idempotent: one whose outcome is unknown (a 5xx, a timeout, a
        // reset) is not sent again, since it may have created or changed something already.
        // GET, PUT and DELETE give the same result sent twice, and are retried as everywhere.
        var request = new OktaRequest(method, uri) { ResendWhenOutcomeUnknown = method is not (HttpMethodKind.Post or HttpMethodKind.Patch) };
        if (jsonBody != null)
        {
            var bytes = Encoding.UTF8.GetBytes(jsonBody);
            request.ContentFactory = () =>
            {
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                return content;
            };
        }
        return _transport.SendAsync(request, response => new OktaRestResponse(
            (int)response.StatusCode,
            response.BodyLength == 0 ? string.Empty : Encoding.UTF8.GetString(response.Body, 0, response.BodyLength),
            response.NextLink,
            response.RequestId), cancellationToken);
    }
}
