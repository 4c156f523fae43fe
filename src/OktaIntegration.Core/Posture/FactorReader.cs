using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Json;
using OktaIntegration.Core.Users;

namespace OktaIntegration.Core.Posture;

/// <summary>
/// GET /api/v1/users/{id}/factors: one call per user (a bare array, never paged). This is the
/// expensive read of an audit; callers run several at once and let the transport's pacer keep
/// them inside the rate limit.
/// </summary>
public sealed class FactorReader
{
    private readonly OktaTransport _transport;

    public FactorReader(OktaTransport transport)
    {
        _transport = transport;
    }

    private readonly object _gate = new();
    private RateLimitHeaders _lastRateLimit;

    /// <summary>The last rate-limit headers seen on a factor read (for the time estimate).</summary>
    public RateLimitHeaders LastRateLimit
    {
        get { lock (_gate) return _lastRateLimit; }
        private set { lock (_gate) _lastRateLimit = value; }
    }

    public async Task<IReadOnlyList<OktaUserFactor>> ListAsync(string userId, string? login, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId)) throw new ArgumentException("The user id is empty. Give a user id (00u…).");
        var id = userId.Trim();
        var request = new OktaRequest(HttpMethodKind.Get, _transport.Org.Resolve($"api/v1/users/{Uri.EscapeDataString(id)}/factors"))
        {
            AcceptFailure = r => r.StatusCode == HttpStatusCode.NotFound,
        };
        var (factors, notFound) = await _transport.SendAsync(request, r =>
        {
            LastRateLimit = r.RateLimit;
            return r.IsSuccess ? (Parse(r, id, login), null) : ((List<OktaUserFactor>?)null, r.ToException());
        }, cancellationToken).ConfigureAwait(false);
        if (notFound != null) throw new OktaUserNotFoundException(login ?? id, notFound);
        return factors!;
    }

    internal static List<OktaUserFactor> Parse(OktaResponse response, string userId, string? login) =>
        JsonArrayPage.Read(response, "factors", element => new OktaUserFactor(userId, login,
            LooseJson.String(element, "id") ?? string.Empty,
            LooseJson.String(element, "factorType") ?? "unknown",
            LooseJson.String(element, "provider"),
            LooseJson.String(element, "vendorName"),
            LooseJson.String(element, "status") ?? "UNKNOWN",
            LooseJson.Date(element, "created"),
            LooseJson.Date(element, "lastUpdated")));
}
