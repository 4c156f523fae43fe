using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OktaIntegration.Core.Http;

/// <summary>
/// Adds credentials to each attempt and decides whether an authentication failure can be cured
/// by renewing (a new access token after 401 invalid_token, a new DPoP nonce after
/// use_dpop_nonce) and replaying the same request.
/// </summary>
public interface IRequestAuthenticator : IDisposable
{
    /// <summary>Called once, before first use, with the sender for calls that must not be authenticated this way (the token endpoint).</summary>
    void Attach(OktaTransport transport);

    Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>Sees every response, e.g. to remember a rotated DPoP nonce.</summary>
    void Observe(HttpResponseMessage response);

    /// <summary>True when the request should be sent again after the authenticator fixed its state.</summary>
    Task<bool> TryRecoverAsync(OktaResponse failed, CancellationToken cancellationToken);
}
