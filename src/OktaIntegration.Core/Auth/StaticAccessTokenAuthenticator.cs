using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Auth;

/// <summary>
/// A token obtained elsewhere. It cannot be renewed here; on expiry the call fails with Okta's
/// 401. A DPoP-bound token (cnf.jkt) is sent with the DPoP scheme and a proof signed by the key
/// it is bound to, which the user must supply.
/// </summary>
public sealed class StaticAccessTokenAuthenticator : IRequestAuthenticator
{
    private readonly string _token;
    private readonly DPoPProofFactory? _dpop;

    public StaticAccessTokenAuthenticator(string token, AccessTokenClaims? claims = null, SigningKey? dpopKey = null)
    {
        _token = token;
        Claims = claims;
        if (claims?.Jkt is { } jkt)
        {
            if (dpopKey == null)
                throw new MissingCredentialException(
                    "The access token is DPoP-bound (its cnf.jkt claim names a key), so every call needs a DPoP proof signed by that key. Give the key's file with -DPoPKeyPath.");
            var proofs = new DPoPProofFactory(dpopKey);
            if (!string.Equals(proofs.Thumbprint, jkt, StringComparison.Ordinal))
            {
                proofs.Dispose();
                throw new InvalidPrivateKeyException(
                    $"The -DPoPKeyPath key is not the key the access token is bound to (key thumbprint {proofs.Thumbprint}, token cnf.jkt {jkt}).", "-DPoPKeyPath");
            }
            _dpop = proofs;
        }
        else
        {
            dpopKey?.Dispose();
        }
    }

    /// <summary>The token's own claims (read without verifying the signature), or null for an opaque token.</summary>
    public AccessTokenClaims? Claims { get; }

    public bool UsesDPoP => _dpop != null;

    public void Attach(OktaTransport transport)
    {
    }

    public Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_dpop != null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", _token);
            request.Headers.Remove("DPoP");
            request.Headers.TryAddWithoutValidation("DPoP", _dpop.Create(request.Method.Method, request.RequestUri!, _token));
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }
        return Task.CompletedTask;
    }

    public void Observe(HttpResponseMessage response) => _dpop?.Nonces.Observe(response);

    public Task<bool> TryRecoverAsync(OktaResponse failed, CancellationToken cancellationToken) =>
        Task.FromResult(_dpop != null && WwwAuthenticateChallenge.Parse(failed.Message)?.Error == "use_dpop_nonce" && failed.Message.Headers.Contains("DPoP-Nonce"));

    public void Dispose() => _dpop?.Dispose();

    public override string ToString() => "pre-obtained access token";
}
