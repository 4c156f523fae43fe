using System.Collections.Generic;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Connection;
using Xunit;

namespace OktaIntegration.Tests.Connection;

public class EnvironmentSettingsTests
{
    private static string? From(Dictionary<string, string> env, string name) => env.TryGetValue(name, out var v) ? v : null;

    [Fact]
    public void A_scheduled_task_connects_from_the_environment_alone()
    {
        var env = new Dictionary<string, string>
        {
            ["OKTA_ORG_URL"] = "https://acme.okta.com",
            ["OKTA_CLIENT_ID"] = "0oa1",
            ["OKTA_PRIVATE_KEY_PATH"] = "/keys/okta.pem",
            ["OKTA_SCOPES"] = "okta.logs.read, okta.groups.read",
        };
        var settings = new OktaConnectionSettings();
        EnvironmentSettings.Apply(settings, n => From(env, n));
        Assert.Equal(AuthenticationType.PrivateKeyJwt, settings.AuthenticationType);
        Assert.Equal(new[] { "okta.logs.read", "okta.groups.read" }, settings.Scopes);
        Assert.Equal("https://acme.okta.com", settings.OrgUrl);
    }

    [Fact]
    public void Parameters_win_and_credentials_are_not_mixed_with_the_environment()
    {
        var env = new Dictionary<string, string> { ["OKTA_ORG_URL"] = "https://env.okta.com", ["OKTA_CLIENT_ID"] = "0oaEnv", ["OKTA_PRIVATE_KEY_PATH"] = "/k.pem" };
        var settings = new OktaConnectionSettings { OrgUrl = "https://param.okta.com", ApiToken = "t", AuthenticationType = AuthenticationType.ApiToken };
        EnvironmentSettings.Apply(settings, n => From(env, n));
        Assert.Equal("https://param.okta.com", settings.OrgUrl);
        Assert.Equal(AuthenticationType.ApiToken, settings.AuthenticationType);
        Assert.Null(settings.ClientId);
    }

    [Fact]
    public void Nothing_given_leaves_the_type_unset_so_connect_can_say_what_is_missing()
    {
        var settings = new OktaConnectionSettings();
        EnvironmentSettings.Apply(settings, _ => null);
        Assert.Null(settings.AuthenticationType);
    }
}
