using System;
using System.Collections.Generic;
using System.Net.Http;

namespace OktaIntegration.Core.Auth;

/// <summary>A native (public) app has no secret or key: it names itself with client_id in the form (RFC 6749 §2.3).</summary>
public sealed class PublicClientAuthentication : IClientAuthentication
{
    private readonly string _clientId;

    public PublicClientAuthentication(string clientId)
    {
        _clientId = clientId;
    }

    public AuthenticationType Type => AuthenticationType.DeviceCode;

    public void Apply(HttpRequestMessage request, List<KeyValuePair<string, string>> form, Uri tokenEndpoint) =>
        form.Add(new("client_id", _clientId));

    public void Dispose()
    {
    }
}
