using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Siem.Entra;

/// <summary>
/// How an Entra app proves itself in the client-credentials grant: a client secret, or a client
/// assertion signed by a certificate's key. Each adds its form fields to a token request; the
/// string form names the app and the kind of credential, never the secret.
/// </summary>
public abstract class EntraClientCredential
{
    protected EntraClientCredential(string clientId)
    {
        if (string.IsNullOrWhiteSpace(clientId)) throw new ArgumentException("The Entra client id is required.");
        ClientId = clientId;
    }

    public string ClientId { get; }

    /// <summary>"client secret" or "certificate ...", for messages.</summary>
    public abstract string Kind { get; }

    /// <summary>Adds client_id and the proof to a token request sent to <paramref name="tokenEndpoint"/>.</summary>
    public abstract void AddTo(IDictionary<string, string> form, Uri tokenEndpoint);

    public override string ToString() => $"{ClientId} ({Kind})";
}
