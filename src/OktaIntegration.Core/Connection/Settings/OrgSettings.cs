using System;
using System.Collections.Generic;
using OktaIntegration.Core.Auth;

namespace OktaIntegration.Core.Connection.Settings;

/// <summary>One org of a settings file: how to reach it and sign in, and where its secret is kept.</summary>
public sealed class OrgSettings
{
    public OrgSettings(string name, string orgUrl, OrgAuthMethod authMethod, string? clientId, IReadOnlyList<string> scopes, string? keyId, bool dpop,
        CredentialSource credential)
    {
        Name = name;
        OrgUrl = orgUrl;
        AuthMethod = authMethod;
        ClientId = clientId;
        Scopes = scopes;
        KeyId = keyId;
        DPoP = dpop;
        Credential = credential;
    }

    /// <summary>The org's name in the file: how errors, -Name and cursor reports refer to it.</summary>
    public string Name { get; }

    public string OrgUrl { get; }

    public OrgAuthMethod AuthMethod { get; }

    public string? ClientId { get; }

    public IReadOnlyList<string> Scopes { get; }

    public string? KeyId { get; }

    public bool DPoP { get; }

    public CredentialSource Credential { get; }

    /// <summary>
    /// The connection settings for this org, its secret read from the named source:
    /// <paramref name="getVariable"/> for environment variables, <paramref name="readVault"/> for
    /// vault secrets (the module runs Get-Secret). A variable that is not set, or a source that
    /// gives nothing, is a <see cref="MissingCredentialException"/> naming the source (not the value).
    /// </summary>
    public OktaConnectionSettings ToConnectionSettings(Func<string, string?> getVariable, Func<CredentialSource, string?> readVault)
    {
        var settings = new OktaConnectionSettings
        {
            OrgUrl = OrgUrl,
            Name = Name,
            ClientId = ClientId,
            Scopes = Scopes,
            KeyId = KeyId,
            DPoP = DPoP ? DPoPMode.Always : DPoPMode.Auto,
        };
        switch (AuthMethod)
        {
            case OrgAuthMethod.Certificate:
                settings.AuthenticationType = AuthenticationType.PrivateKeyJwt;
                settings.CertificateThumbprint = Credential.Thumbprint;
                break;
            case OrgAuthMethod.PrivateKeyJwt when Credential.Kind == CredentialSourceKind.File:
                settings.AuthenticationType = AuthenticationType.PrivateKeyJwt;
                settings.PrivateKeyPath = Credential.Path;
                break;
            case OrgAuthMethod.PrivateKeyJwt:
                settings.AuthenticationType = AuthenticationType.PrivateKeyJwt;
                settings.PrivateKey = ReadSecret(getVariable, readVault);
                break;
            case OrgAuthMethod.ClientSecret:
                settings.AuthenticationType = AuthenticationType.ClientSecret;
                settings.ClientSecret = ReadSecret(getVariable, readVault);
                break;
            case OrgAuthMethod.ApiToken:
                settings.AuthenticationType = AuthenticationType.ApiToken;
                settings.ApiToken = ReadSecret(getVariable, readVault);
                break;
        }
        return settings;
    }

    private string ReadSecret(Func<string, string?> getVariable, Func<CredentialSource, string?> readVault)
    {
        var value = Credential.Kind == CredentialSourceKind.Environment ? getVariable(Credential.Variable!) : readVault(Credential);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new MissingCredentialException(Credential.Kind == CredentialSourceKind.Environment
                ? $"Org '{Name}': the environment variable {Credential.Variable} named in the settings file is not set (or is empty) in this process."
                : $"Org '{Name}': the {Credential} named in the settings file is empty.");
        }
        return value!.Trim();
    }

    public override string ToString() => $"{Name} ({OrgUrl}, {AuthMethod}, {Credential})";
}
