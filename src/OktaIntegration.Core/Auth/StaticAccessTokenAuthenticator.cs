using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Auth;

/// <summary>A Bearer token obtained elsewhere. It cannot be renewed here; on expiry the call fails with Okta's 401.</summary>
public sealed class StaticAccessTokenAuthenticator : IRequestAuthenticator
{
    private readonly string _token;

    public StaticAccessTokenAuthenticator(string token)
    {
        _token = token;
    }

    public void Attach(OktaTransport transport)
    {
    }

    public Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return Task.CompletedTask;
    }

    public void Observe(HttpResponseMessage response)
    {
    }

    public Task<bool> TryRecoverAsync(OktaResponse failed, CancellationToken cancellationToken) => Task.FromResult(false);

    public void Dispose()
    {
    }

    public override string ToString() => "pre-obtained access token";
}
