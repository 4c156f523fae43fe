using System;
using System.Collections.Generic;
using System.Net.Http;

namespace OktaIntegration.Core.Auth;

/// <summary>How the client proves itself at the token endpoint: a signed assertion or a Basic secret.</summary>
public interface IClientAuthentication : IDisposable
{
    AuthenticationType Type { get; }

    /// <summary>Adds form fields and headers for one token request attempt (a fresh assertion each time).</summary>
    void Apply(HttpRequestMessage request, List<KeyValuePair<string, string>> form, Uri tokenEndpoint);
}

/// <summary>private_key_jwt: a new signed client assertion per attempt.</summary>
public sealed class PrivateKeyJwtClientAuthentication : IClientAuthentication
{
    private readonly ClientAssertionFactory _assertions;
    private readonly SigningKey _key;

    public PrivateKeyJwtClientAuthentication(string clientId, SigningKey key, Func<DateTimeOffset>? now = null)
    {
        _key = key;
        _assertions = new ClientAssertionFactory(clientId, key, now);
    }

    public AuthenticationType Type => AuthenticationType.PrivateKeyJwt;

    public void Apply(HttpRequestMessage request, List<KeyValuePair<string, string>> form, Uri tokenEndpoint)
    {
        form.Add(new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
        form.Add(new("client_assertion", _assertions.Create(tokenEndpoint)));
    }

    public void Dispose() => _key.Dispose();
}

/// <summary>client_secret_basic: HTTP Basic with the form-urlencoded client id and secret (RFC 6749 §2.3.1).</summary>
public sealed class ClientSecretBasicAuthentication : IClientAuthentication
{
    private readonly string _clientId;
    private readonly string _secret;

    public ClientSecretBasicAuthentication(string clientId, string secret)
    {
        _clientId = clientId;
        _secret = secret;
    }

    public AuthenticationType Type => AuthenticationType.ClientSecret;

    public void Apply(HttpRequestMessage request, List<KeyValuePair<string, string>> form, Uri tokenEndpoint)
    {
        var raw = Uri.EscapeDataString(_clientId) + ":" + Uri.EscapeDataString(_secret);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(raw)));
    }

    public void Dispose()
    {
    }
}
