using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OktaIntegration.Core.Http;

/// <summary>
/// One logical call. Everything that must be fresh on each attempt (body, client assertion,
/// DPoP proof) is produced by a factory or hook, because the transport builds a new
/// <see cref="HttpRequestMessage"/> for every retry.
/// </summary>
public sealed class OktaRequest
{
    public OktaRequest(HttpMethodKind method, Uri uri)
    {
        Method = method;
        Uri = uri;
    }

    public HttpMethodKind Method { get; }

    public Uri Uri { get; }

    /// <summary>Builds the body for one attempt; null sends none (with Content-Length: 0 on POST/PUT, which Okta requires).</summary>
    public Func<HttpContent?>? ContentFactory { get; set; }

    /// <summary>Runs on each attempt after the request is built, e.g. to add a fresh DPoP proof at the token endpoint.</summary>
    public Func<HttpRequestMessage, CancellationToken, Task>? PrepareAttempt { get; set; }

    /// <summary>False for the token endpoint itself, which authenticates with its own form fields.</summary>
    public bool Authenticate { get; set; } = true;

    /// <summary>Which statuses the caller handles itself instead of getting an exception (e.g. 400 use_dpop_nonce at the token endpoint).</summary>
    public Func<OktaResponse, bool>? AcceptFailure { get; set; }

    /// <summary>Where the body's array comes from; null for a fresh one. Only for callers that hand each body back when done (see <see cref="ResponseBodyPool"/>).</summary>
    internal ResponseBodyPool? BodyPool { get; set; }

    /// <summary>
    /// False for the first call of a connect: an unresolvable host or a refused connection then
    /// fails at once with <see cref="OrgUnreachableException"/> instead of being retried (a typo in
    /// the org URL would otherwise cost a minute and a half of silent retries).
    /// </summary>
    public bool RetryUnreachable { get; set; } = true;

    /// <summary>
    /// False for a write that must not be sent twice (a POST that creates something): after a 5xx,
    /// a timeout, a reset or an answer cut short, Okta may have carried it out, so the failure is
    /// thrown instead of the request being sent again. A 429 (not carried out), an expired token
    /// and an org that could not be reached at all are still retried.
    /// </summary>
    public bool ResendWhenOutcomeUnknown { get; set; } = true;

    /// <summary>
    /// Set by the transport when it sent the request again after an attempt Okta may have carried
    /// out (a 5xx, a timeout, a reset, an answer cut short): the answer the caller gets may then be
    /// Okta's reply to a repeat, such as a 400 for a change already made. A 429, a renewed token and
    /// an org that could not be reached do not set it: those attempts did not run.
    /// </summary>
    public bool RepeatedAfterUnknownOutcome { get; internal set; }

    // netstandard2.0 has no HttpMethod.Patch.
    private static readonly HttpMethod Patch = new("PATCH");

    public static HttpMethod ToHttpMethod(HttpMethodKind kind) => kind switch
    {
        HttpMethodKind.Get => HttpMethod.Get,
        HttpMethodKind.Post => HttpMethod.Post,
        HttpMethodKind.Put => HttpMethod.Put,
        HttpMethodKind.Delete => HttpMethod.Delete,
        HttpMethodKind.Patch => Patch,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
