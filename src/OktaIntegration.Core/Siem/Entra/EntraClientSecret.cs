using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Siem.Entra;

/// <summary>An Entra app's client secret, sent as client_secret in the token request body.</summary>
public sealed class EntraClientSecret : EntraClientCredential
{
    private readonly string _secret;

    public EntraClientSecret(string clientId, string secret)
        : base(clientId)
    {
        if (string.IsNullOrWhiteSpace(secret)) throw new ArgumentException("The Entra client secret is required.");
        _secret = secret;
    }

    public override string Kind => "client secret";

    public override void AddTo(IDictionary<string, string> form, Uri tokenEndpoint)
    {
        form["client_id"] = ClientId;
        form["client_secret"] = _secret;
    }
}
