using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Groups;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Json;
using OktaIntegration.Core.Users;
using OktaUser = OktaIntegration.Core.Users.OktaUser;

namespace OktaIntegration.Core.Posture;

/// <summary>
/// Reads users: one by id or login (GET /api/v1/users/{idOrLogin}), or a list narrowed by a
/// <see cref="UserQuery"/>, paged 200 at a time through Link headers.
/// </summary>
public sealed class UserReader
{
    private readonly OktaTransport _transport;

    public UserReader(OktaTransport transport)
    {
        _transport = transport;
    }

    public LinkPager<OktaUser> List(UserQuery query) =>
        new(_transport, _transport.Org.Resolve("api/v1/users?" + query.ToQueryString()), ParseUsers);

    /// <summary>One user by id or login. A login with '/' can be found only by id (Okta's rule); 404 is <see cref="OktaUserNotFoundException"/>.</summary>
    public async Task<OktaUser> GetAsync(string idOrLogin, CancellationToken cancellationToken)
    {
        var key = (idOrLogin ?? string.Empty).Trim();
        if (key.Length == 0) throw new ArgumentException("The user id or login is empty. Give a user id (00u…) or a login such as jane@example.com.");
        if (key.IndexOf('/') >= 0)
            throw new ArgumentException($"The login '{key}' contains '/', and Okta can look such users up only by id. Give the user's id (00u…) instead.");
        var request = new OktaRequest(HttpMethodKind.Get, _transport.Org.Resolve("api/v1/users/" + Uri.EscapeDataString(key)))
        {
            AcceptFailure = r => r.StatusCode == HttpStatusCode.NotFound,
        };
        var (user, notFound) = await _transport.SendAsync(request, r => r.IsSuccess ? (ParseUser(r), null) : ((OktaUser?)null, r.ToException()),
            cancellationToken).ConfigureAwait(false);
        if (notFound != null) throw new OktaUserNotFoundException(key, notFound);
        return user!;
    }

    /// <summary>Like <see cref="GetAsync"/>, but a user who no longer exists is null rather than an error (API token owners, for example).</summary>
    public async Task<OktaUser?> FindAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (OktaUserNotFoundException)
        {
            return null;
        }
    }

    internal static List<OktaUser> ParseUsers(OktaResponse response) => JsonArrayPage.Read(response, "users", element => OktaUser.FromJson(element));

    private static OktaUser ParseUser(OktaResponse response)
    {
        using var document = JsonDocument.Parse(response.BodyMemory);
        return OktaUser.FromJson(document.RootElement);
    }
}
