using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Users;

/// <summary>
/// The identity response actions on one user: look them up by id or login, end their Okta
/// sessions, suspend and unsuspend them. Every call goes through the connection's transport
/// (pacing, retries, auth). Lifecycle calls check the status first, so a user already in the
/// target state is reported as such instead of surfacing Okta's 400.
/// </summary>
public sealed class OktaUserClient
{
    private readonly OktaTransport _transport;

    public OktaUserClient(OktaConnection connection)
        : this(connection.Transport)
    {
    }

    public OktaUserClient(OktaTransport transport)
    {
        _transport = transport;
    }

    /// <summary>GET /api/v1/users/{idOrLogin}. The login is percent-encoded into the path; one containing '/' can only be looked up by id.</summary>
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
        var (user, notFound) = await _transport.SendAsync(request, r => r.IsSuccess ? (OktaUser.Parse(r.BodyMemory), null) : ((OktaUser?)null, r.ToException()),
            cancellationToken).ConfigureAwait(false);
        if (notFound != null) throw new OktaUserNotFoundException(key, notFound);
        return user!;
    }

    /// <summary>
    /// DELETE /api/v1/users/{id}/sessions with both flags sent explicitly, because Okta's
    /// default for forgetDevices differs between Identity Engine (true) and Classic (false).
    /// </summary>
    public async Task<OktaUserSessionRevocation> RevokeSessionsAsync(OktaUser user, bool oauthTokens, bool forgetDevices, CancellationToken cancellationToken)
    {
        var path = $"api/v1/users/{Uri.EscapeDataString(user.Id)}/sessions?oauthTokens={Bool(oauthTokens)}&forgetDevices={Bool(forgetDevices)}";
        var request = new OktaRequest(HttpMethodKind.Delete, _transport.Org.Resolve(path))
        {
            AcceptFailure = r => r.StatusCode == HttpStatusCode.NotFound,
        };
        var notFound = await _transport.SendAsync(request, r => r.IsSuccess ? null : r.ToException(), cancellationToken).ConfigureAwait(false);
        // The user was there a moment ago; a 404 now means it was deleted in between.
        if (notFound != null) throw new OktaUserNotFoundException(user.Login ?? user.Id, notFound);
        _transport.Log.Verbose($"Revoked the Okta sessions of {user.DisplayName} (oauthTokens={Bool(oauthTokens)}, forgetDevices={Bool(forgetDevices)}).");
        return new OktaUserSessionRevocation(user.Id, user.Login, oauthTokens, forgetDevices, DateTimeOffset.UtcNow);
    }

    /// <summary>Looks the user up, then suspends or unsuspends them if their status allows it.</summary>
    public async Task<OktaUserLifecycleResult> ChangeLifecycleAsync(string idOrLogin, UserLifecycleOperation operation, bool readBack, CancellationToken cancellationToken)
    {
        var user = await GetAsync(idOrLogin, cancellationToken).ConfigureAwait(false);
        return await ChangeLifecycleAsync(user, operation, readBack, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// POST /api/v1/users/{id}/lifecycle/{suspend|unsuspend} (sent with Content-Length: 0). A user
    /// already in the target state is not touched; one in any other wrong state is an
    /// <see cref="OktaUserStateException"/>. If Okta answers 400 because the status changed since
    /// it was read, the user is read again to tell the two apart.
    /// </summary>
    public async Task<OktaUserLifecycleResult> ChangeLifecycleAsync(OktaUser user, UserLifecycleOperation operation, bool readBack, CancellationToken cancellationToken)
    {
        if (user.Status == operation.TargetStatus)
            return new OktaUserLifecycleResult(operation, user, false, $"{user.DisplayName} is already {user.Status}; nothing to do.", user, null);
        if (user.Status != operation.RequiredStatus) throw new OktaUserStateException(user, operation);

        var request = new OktaRequest(HttpMethodKind.Post, _transport.Org.Resolve($"api/v1/users/{Uri.EscapeDataString(user.Id)}/lifecycle/{operation.PathSegment}"))
        {
            AcceptFailure = r => r.StatusCode == HttpStatusCode.BadRequest || r.StatusCode == HttpStatusCode.NotFound,
        };
        var failure = await _transport.SendAsync(request, r => r.IsSuccess ? null : r.ToException(), cancellationToken).ConfigureAwait(false);
        if (failure?.StatusCode == HttpStatusCode.NotFound) throw new OktaUserNotFoundException(user.Login ?? user.Id, failure);
        if (failure != null)
        {
            var now = await GetAsync(user.Id, cancellationToken).ConfigureAwait(false);
            // After a retry (an answer lost to a reset, a timeout or a 5xx) the 400 is most likely
            // Okta refusing our own change a second time: the change is ours, not someone else's.
            if (now.Status == operation.TargetStatus && request.RepeatedAfterUnknownOutcome)
                return LoggedChange(operation, user, readBack ? now : null, DateTimeOffset.UtcNow);
            if (now.Status == operation.TargetStatus)
                return new OktaUserLifecycleResult(operation, user, false, $"{now.DisplayName} is already {now.Status} (changed by someone else); nothing to do.", now, null);
            throw new OktaUserStateException(now, operation, failure);
        }

        var changedAt = DateTimeOffset.UtcNow;
        var after = readBack ? await GetAsync(user.Id, cancellationToken).ConfigureAwait(false) : null;
        return LoggedChange(operation, user, after, changedAt);
    }

    private OktaUserLifecycleResult LoggedChange(UserLifecycleOperation operation, OktaUser user, OktaUser? after, DateTimeOffset changedAt)
    {
        _transport.Log.Verbose($"{operation.Name}ed {user.DisplayName}: {user.Status} -> {operation.TargetStatus}.");
        return new OktaUserLifecycleResult(operation, user, true, null, after, changedAt);
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
