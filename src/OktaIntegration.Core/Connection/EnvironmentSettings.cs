using System;
using System.Collections.Generic;
using System.Linq;
using OktaIntegration.Core.Auth;

namespace OktaIntegration.Core.Connection;

/// <summary>
/// Fills what the user did not pass from environment variables, so a scheduled task can
/// connect with no secrets on its command line. Parameters always win over the environment.
/// </summary>
public static class EnvironmentSettings
{
    public const string OrgUrl = "OKTA_ORG_URL";
    public const string ApiToken = "OKTA_API_TOKEN";
    public const string ClientId = "OKTA_CLIENT_ID";
    public const string PrivateKeyPath = "OKTA_PRIVATE_KEY_PATH";
    public const string KeyId = "OKTA_KEY_ID";
    public const string ClientSecret = "OKTA_CLIENT_SECRET";
    public const string Scopes = "OKTA_SCOPES";

    public static void Apply(OktaConnectionSettings settings, Func<string, string?> getVariable)
    {
        settings.OrgUrl ??= NonEmpty(getVariable(OrgUrl));
        if (settings.AuthenticationType is null)
        {
            // Only borrow credentials from the environment when no credential was passed at all.
            settings.ApiToken ??= NonEmpty(getVariable(ApiToken));
            settings.ClientId ??= NonEmpty(getVariable(ClientId));
            settings.PrivateKeyPath ??= NonEmpty(getVariable(PrivateKeyPath));
            settings.ClientSecret ??= NonEmpty(getVariable(ClientSecret));
        }
        settings.KeyId ??= NonEmpty(getVariable(KeyId));
        if (settings.Scopes.Count == 0 && NonEmpty(getVariable(Scopes)) is { } scopes)
            settings.Scopes = SplitScopes(scopes);
        settings.AuthenticationType ??= Infer(settings);
    }

    public static IReadOnlyList<string> SplitScopes(string text) =>
        text.Split(new[] { ' ', ',', ';' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToArray();

    private static AuthenticationType? Infer(OktaConnectionSettings s)
    {
        if (s.AccessToken != null) return AuthenticationType.AccessToken;
        if (s.ClientId != null && (s.PrivateKeyPath != null || s.PrivateKey != null)) return AuthenticationType.PrivateKeyJwt;
        if (s.ClientId != null && s.ClientSecret != null) return AuthenticationType.ClientSecret;
        if (s.ApiToken != null) return AuthenticationType.ApiToken;
        return null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
