using System;
using System.Collections.Generic;
using System.IO;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Connection.Settings;
using Xunit;

namespace OktaIntegration.Tests.Connection;

/// <summary>The MSSP settings file: what it accepts, each way it is refused (with the field and line), and how secrets are read from their sources.</summary>
public sealed class OrgSettingsFileTests
{
    private const string FourOrgs = """
        {
          // one org per tenant; no secret in this file
          "schemaVersion": 1,
          "orgs": [
            { "name": "acme", "orgUrl": "https://acme.okta.com", "auth": "private_key_jwt", "clientId": "0oaAcme",
              "scopes": ["okta.logs.read"], "keyId": "kid-1", "credential": { "file": "keys/acme.pem" } },
            { "name": "globex", "orgUrl": "https://globex.okta.com", "auth": "client_secret", "clientId": "0oaGlobex",
              "scopes": "okta.logs.read okta.users.read", "credential": { "env": "GLOBEX_OKTA_SECRET" } },
            { "name": "initech", "orgUrl": "http://127.0.0.1:8080", "auth": "api_token", "credential": { "vault": "OktaVault", "secretName": "initech-token" } },
            { "name": "umbrella", "orgUrl": "https://umbrella.oktapreview.com", "auth": "certificate", "clientId": "0oaUmb",
              "scopes": ["okta.logs.read"], "dpop": true, "credential": { "certificateThumbprint": "AB12CD" } }
          ]
        }
        """;

    private static OrgSettingsException Refused(string json) =>
        Assert.Throws<OrgSettingsException>(() => OrgSettingsFile.Parse(json, "orgs.json"));

    private static string OneOrg(string body) => $$"""
        {
          "schemaVersion": 1,
          "orgs": [
            {{body}}
          ]
        }
        """;

    [Fact]
    public void A_valid_file_gives_every_org_with_its_credential_source()
    {
        var orgs = OrgSettingsFile.Parse(FourOrgs, "orgs.json", Path.Combine(Path.GetTempPath(), "mssp"));
        Assert.Equal(new[] { "acme", "globex", "initech", "umbrella" }, new[] { orgs[0].Name, orgs[1].Name, orgs[2].Name, orgs[3].Name });
        Assert.Equal(OrgAuthMethod.PrivateKeyJwt, orgs[0].AuthMethod);
        Assert.Equal(Path.Combine(Path.GetTempPath(), "mssp", "keys", "acme.pem"), orgs[0].Credential.Path);
        Assert.Equal("kid-1", orgs[0].KeyId);
        Assert.Equal(new[] { "okta.logs.read", "okta.users.read" }, orgs[1].Scopes);
        Assert.Equal("GLOBEX_OKTA_SECRET", orgs[1].Credential.Variable);
        Assert.Equal(("OktaVault", "initech-token"), (orgs[2].Credential.Vault, orgs[2].Credential.SecretName));
        Assert.Equal("http://127.0.0.1:8080", orgs[2].OrgUrl);
        Assert.Equal(CredentialSourceKind.CertificateStore, orgs[3].Credential.Kind);
        Assert.True(orgs[3].DPoP);
    }

    [Theory]
    [InlineData("clientSecret")]
    [InlineData("apiToken")]
    [InlineData("private_key")]
    [InlineData("password")]
    public void A_literal_secret_field_is_refused_with_where_the_secret_belongs_and_never_its_value(string field)
    {
        var error = Refused(OneOrg($$"""{ "name": "acme", "orgUrl": "https://acme.okta.com", "auth": "api_token", "{{field}}": "s3cr3t-value", "credential": { "env": "X" } }"""));
        Assert.Equal(OrgSettingsProblem.LiteralSecret, error.Problem);
        Assert.Equal($"orgs[0].{field}", error.Field);
        Assert.Equal(4, error.Line);
        Assert.Contains("\"env\"", error.Message);
        Assert.Contains("vault", error.Message);
        Assert.DoesNotContain("s3cr3t-value", error.Message);
    }

    [Fact]
    public void A_secret_value_inside_the_credential_is_refused_too()
    {
        var error = Refused(OneOrg("""{ "name": "a", "orgUrl": "https://a.okta.com", "auth": "api_token", "credential": { "value": "00abc" } }"""));
        Assert.Equal(OrgSettingsProblem.LiteralSecret, error.Problem);
        Assert.Equal("orgs[0].credential.value", error.Field);
        Assert.DoesNotContain("00abc", error.Message);
    }

    [Fact]
    public void An_unknown_field_is_refused_with_a_hint_for_a_wrong_case()
    {
        var error = Refused(OneOrg("""{ "name": "a", "orgurl": "https://a.okta.com", "auth": "api_token", "credential": { "env": "X" } }"""));
        Assert.Equal(OrgSettingsProblem.UnknownField, error.Problem);
        Assert.Equal("orgs[0].orgurl", error.Field);
        Assert.Contains("did you mean \"orgUrl\"", error.Message);
        Assert.Contains("(line 4)", error.Message);
    }

    [Fact]
    public void Duplicate_org_names_are_refused_whatever_their_case()
    {
        var error = Refused("""
            { "schemaVersion": 1, "orgs": [
              { "name": "acme", "orgUrl": "https://a.okta.com", "auth": "api_token", "credential": { "env": "A" } },
              { "name": "ACME", "orgUrl": "https://b.okta.com", "auth": "api_token", "credential": { "env": "B" } } ] }
            """);
        Assert.Equal(OrgSettingsProblem.DuplicateOrg, error.Problem);
        Assert.Equal("orgs[1].name", error.Field);
        Assert.Equal(3, error.Line);
        Assert.Contains("orgs[0]", error.Message);
    }

    [Theory]
    [InlineData("http://acme.okta.com", OrgSettingsProblem.InsecureOrgUrl)]
    [InlineData("ftp://acme.okta.com", OrgSettingsProblem.InsecureOrgUrl)]
    [InlineData("https://acme-admin.okta.com", OrgSettingsProblem.Invalid)]
    public void An_org_url_that_is_not_https_or_not_an_org_is_refused(string url, OrgSettingsProblem problem)
    {
        var error = Refused(OneOrg($$"""{ "name": "a", "orgUrl": "{{url}}", "auth": "api_token", "credential": { "env": "X" } }"""));
        Assert.Equal(problem, error.Problem);
        Assert.Equal("orgs[0].orgUrl", error.Field);
    }

    [Theory]
    [InlineData("""{ "orgs": [] }""", null)]
    [InlineData("""{ "schemaVersion": 2, "orgs": [] }""", "schemaVersion")]
    [InlineData("""{ "schemaVersion": 1, "orgs": [] }""", "orgs")]
    [InlineData("""{ "schemaVersion": 1, "orgs": [ { "name": "a", "orgUrl": "https://a.okta.com", "auth": "client_secret", "clientId": "c", "scopes": ["s"], "credential": { "file": "k.pem" } } ] }""", "orgs[0].credential.file")]
    [InlineData("""{ "schemaVersion": 1, "orgs": [ { "name": "a", "orgUrl": "https://a.okta.com", "auth": "client_secret", "scopes": ["s"], "credential": { "env": "X" } } ] }""", "orgs[0]")]
    [InlineData("""{ "schemaVersion": 1, "orgs": [ { "name": "a", "orgUrl": "https://a.okta.com", "auth": "oauth", "credential": { "env": "X" } } ] }""", "orgs[0].auth")]
    [InlineData("""{ "schemaVersion": 1, "orgs": [ { "name": "a", "orgUrl": "https://a.okta.com", "auth": "api_token", "credential": { "env": "X", "vault": "V" } } ] }""", "orgs[0].credential")]
    [InlineData("""{ "schemaVersion": 1, "orgs": [ { "name": "a", "orgUrl": "https://a.okta.com", "auth": "api_token", "credential": { "vault": "V" } } ] }""", "orgs[0].credential")]
    public void Missing_or_malformed_settings_are_refused_with_the_field(string json, string? field)
    {
        var error = Refused(json);
        Assert.Equal(OrgSettingsProblem.Invalid, error.Problem);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Text_that_is_not_JSON_is_refused_with_its_line()
    {
        var error = Refused("{\n  \"schemaVersion\": 1,\n  \"orgs\": [ oops ]\n}");
        Assert.Equal(OrgSettingsProblem.Invalid, error.Problem);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Secrets_are_read_from_the_named_source_and_a_missing_variable_names_the_org_and_variable()
    {
        var orgs = OrgSettingsFile.Parse(FourOrgs, "orgs.json");
        var environment = new Dictionary<string, string> { ["GLOBEX_OKTA_SECRET"] = "globex-secret" };
        var globex = orgs[1].ToConnectionSettings(n => environment.TryGetValue(n, out var v) ? v : null, _ => null);
        Assert.Equal((AuthenticationType.ClientSecret, "globex-secret", "0oaGlobex"), (globex.AuthenticationType, globex.ClientSecret, globex.ClientId));
        Assert.DoesNotContain("globex-secret", globex.ToString());

        var initech = orgs[2].ToConnectionSettings(_ => null, s => s.Vault == "OktaVault" && s.SecretName == "initech-token" ? "00token" : null);
        Assert.Equal((AuthenticationType.ApiToken, "00token"), (initech.AuthenticationType, initech.ApiToken));

        var acme = orgs[0].ToConnectionSettings(_ => null, _ => null);
        Assert.Equal((AuthenticationType.PrivateKeyJwt, "kid-1"), (acme.AuthenticationType, acme.KeyId));
        Assert.EndsWith("acme.pem", acme.PrivateKeyPath);

        var umbrella = orgs[3].ToConnectionSettings(_ => null, _ => null);
        Assert.Equal((AuthenticationType.PrivateKeyJwt, "AB12CD", DPoPMode.Always), (umbrella.AuthenticationType, umbrella.CertificateThumbprint, umbrella.DPoP));

        var missing = Assert.Throws<MissingCredentialException>(() => orgs[1].ToConnectionSettings(_ => null, _ => null));
        Assert.Contains("'globex'", missing.Message);
        Assert.Contains("GLOBEX_OKTA_SECRET", missing.Message);
    }
}
