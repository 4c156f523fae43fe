using System;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Users;

/// <summary>No user has this id or login (Okta answered 404 E0000007). Okta's error details are in <see cref="Exception.InnerException"/>.</summary>
public sealed class OktaUserNotFoundException : Exception
{
    public OktaUserNotFoundException(string idOrLogin, OktaApiException innerException)
        : base($"No Okta user has the id or login '{idOrLogin}'. Check the spelling; a login must be the full sign-in name (e.g. jane@example.com) or its unambiguous short name." +
               (innerException.RequestId != null ? $" (X-Okta-Request-Id {innerException.RequestId})" : string.Empty), innerException)
    {
        IdOrLogin = idOrLogin;
    }

    public string IdOrLogin { get; }
}
