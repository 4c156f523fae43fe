using System.Net;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Http;
using Xunit;

namespace OktaIntegration.Tests.Auth;

/// <summary>The hint added to a token endpoint error names the setting of the grant that failed, not another one.</summary>
public class TokenErrorHintTests
{
    private static OktaApiException Refused(string code) => new("Okta refused the token request.", HttpStatusCode.BadRequest, code, "The client is not authorized to use the provided grant type.");

    [Fact]
    public void Unauthorized_client_for_a_service_connection_points_at_the_api_services_app()
    {
        Assert.Contains("API Services app", OAuthClientCredentialsAuthenticator.TokenErrorHint(Refused("unauthorized_client"), "client_credentials"));
    }

    [Fact]
    public void Unauthorized_client_for_a_device_sign_in_renewal_points_at_the_refresh_token_grant_not_at_api_services()
    {
        var hint = OAuthClientCredentialsAuthenticator.TokenErrorHint(Refused("unauthorized_client"), "refresh_token");
        Assert.Contains("Refresh Token", hint);
        Assert.Contains("-UseDeviceCode", hint);
        Assert.DoesNotContain("API Services", hint);
    }

    [Fact]
    public void Unauthorized_client_for_another_grant_names_that_grant()
    {
        var hint = OAuthClientCredentialsAuthenticator.TokenErrorHint(Refused("unauthorized_client"), DeviceCodeSignIn.GrantType);
        Assert.Contains(DeviceCodeSignIn.GrantType, hint);
        Assert.DoesNotContain("API Services", hint);
    }
}
