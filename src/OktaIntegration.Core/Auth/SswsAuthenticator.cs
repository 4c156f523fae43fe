using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Auth;

/// <summary><c>Authorization: SSWS &lt;token&gt;</c>. Nothing to renew: a rejected token stays rejected.</summary>
public sealed class SswsAuthenticator : IRequestAuthenticator
{
    private readonly string _token;

    public SswsAuthenticator(string token)
    {
        _token = token;
    }

    public void Attach(OktaTransport transport)
    {
    }

    public Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("SSWS", _token);
        return Task.CompletedTask;
    }

    public void Observe(HttpResponseMessage response)
    {
    }

    public Task<bool> TryRecoverAsync(OktaResponse failed, CancellationToken cancellationToken) => Task.FromResult(false);

    public void Dispose()
    {
    }

    public override string ToString() => "SSWS API token";
}
