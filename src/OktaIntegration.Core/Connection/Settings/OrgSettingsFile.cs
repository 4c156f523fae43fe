using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Connection.Settings;

/// <summary>
/// Reads a settings file that names many orgs (an MSSP's tenants) and where each one's secret is
/// kept, with no secret in the file:
/// <code>
/// { "schemaVersion": 1,
///   "orgs": [ { "name": "acme", "orgUrl": "https://acme.okta.com", "auth": "private_key_jwt",
///               "clientId": "0oa...", "scopes": ["okta.logs.read"], "credential": { "file": "keys/acme.pem" } } ] }
/// </code>
/// Everything is checked before any org connects: the schema version, unknown fields (typos),
/// fields that would hold a secret value, duplicate names and non-https org URLs each fail with
/// their own <see cref="OrgSettingsProblem"/>, the field's path and its line. Comments are allowed.
/// </summary>
public static class OrgSettingsFile
{
    public const int SchemaVersion = 1;

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    private static readonly string[] RootFields = { "$schema", "schemaVersion", "orgs" };
    private static readonly string[] OrgFields = { "name", "orgUrl", "auth", "clientId", "scopes", "keyId", "dpop", "credential" };
    private static readonly string[] CredentialFields = { "env", "file", "vault", "secretName", "certificateThumbprint" };

    // Names that would carry a secret's value rather than say where it is kept (compared without case, '_' or '-').
    private static readonly HashSet<string> SecretFields = new(StringComparer.Ordinal)
    {
        "clientsecret", "secret", "secretvalue", "apitoken", "token", "accesstoken", "refreshtoken", "privatekey", "key", "pem", "pfx",
        "password", "passphrase", "value",
    };

    private static readonly Dictionary<string, OrgAuthMethod> AuthMethods = new(StringComparer.Ordinal)
    {
        ["private_key_jwt"] = OrgAuthMethod.PrivateKeyJwt,
        ["client_secret"] = OrgAuthMethod.ClientSecret,
        ["api_token"] = OrgAuthMethod.ApiToken,
        ["certificate"] = OrgAuthMethod.Certificate,
    };

    /// <summary>Reads and checks the file at <paramref name="path"/>; relative key file paths are taken relative to its folder.</summary>
    public static IReadOnlyList<OrgSettings> Load(string path)
    {
        var full = Path.GetFullPath(path);
        return Parse(File.ReadAllBytes(full), full, Path.GetDirectoryName(full));
    }

    public static IReadOnlyList<OrgSettings> Parse(string json, string source = "the settings file", string? baseDirectory = null) =>
        Parse(Encoding.UTF8.GetBytes(json), source, baseDirectory);

    public static IReadOnlyList<OrgSettings> Parse(byte[] utf8, string source, string? baseDirectory)
    {
        JsonDocument document;
        JsonLineMap lines;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            lines = JsonLineMap.Read(utf8, ReaderOptions);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber + 1;
            throw new OrgSettingsException(OrgSettingsProblem.Invalid, $"{source} is not valid JSON (line {line}, position {ex.BytePositionInLine + 1}).", null, (int?)line, ex);
        }
        using (document)
        {
            return new Reader(source, baseDirectory, lines).Orgs(document.RootElement);
        }
    }

    private sealed class Reader
    {
        private readonly string _source;
        private readonly string? _baseDirectory;
        private readonly JsonLineMap _lines;

        public Reader(string source, string? baseDirectory, JsonLineMap lines)
        {
            _source = source;
            _baseDirectory = baseDirectory;
            _lines = lines;
        }

        public IReadOnlyList<OrgSettings> Orgs(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
                throw Fail(OrgSettingsProblem.Invalid, string.Empty, "must be a JSON object with \"schemaVersion\" and \"orgs\".");
            CheckFields(root, string.Empty, RootFields);
            if (!root.TryGetProperty("schemaVersion", out var version))
                throw Fail(OrgSettingsProblem.Invalid, string.Empty, $"has no \"schemaVersion\"; add \"schemaVersion\": {SchemaVersion}.");
            if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != SchemaVersion)
                throw Fail(OrgSettingsProblem.Invalid, "schemaVersion", $"this version of the module reads schema version {SchemaVersion} only.");
            if (!root.TryGetProperty("orgs", out var orgs) || orgs.ValueKind != JsonValueKind.Array || orgs.GetArrayLength() == 0)
                throw Fail(OrgSettingsProblem.Invalid, root.TryGetProperty("orgs", out _) ? "orgs" : string.Empty, "needs \"orgs\": an array with one object per org.");

            var result = new List<OrgSettings>();
            var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var index = 0;
            foreach (var org in orgs.EnumerateArray())
            {
                var settings = Org(org, $"orgs[{index}]");
                if (names.TryGetValue(settings.Name, out var first))
                    throw Fail(OrgSettingsProblem.DuplicateOrg, $"orgs[{index}].name", $"the org name '{settings.Name}' is already used by orgs[{first}]; names must be unique (case-insensitive).");
                names[settings.Name] = index;
                result.Add(settings);
                index++;
            }
            return result;
        }

        private OrgSettings Org(JsonElement org, string path)
        {
            if (org.ValueKind != JsonValueKind.Object) throw Fail(OrgSettingsProblem.Invalid, path, "must be an object describing one org.");
            CheckFields(org, path, OrgFields);
            var name = RequiredString(org, path, "name");
            var orgUrl = OrgUrlOf(RequiredString(org, path, "orgUrl"), path + ".orgUrl");
            var authText = RequiredString(org, path, "auth");
            if (!AuthMethods.TryGetValue(authText, out var auth))
                throw Fail(OrgSettingsProblem.Invalid, path + ".auth", $"must be one of {string.Join(", ", AuthMethods.Keys)}.");
            var needsApp = auth != OrgAuthMethod.ApiToken;
            var clientId = needsApp ? RequiredString(org, path, "clientId") : OptionalString(org, path, "clientId");
            var scopes = Scopes(org, path, required: needsApp);
            var keyId = OptionalString(org, path, "keyId");
            var dpop = false;
            if (org.TryGetProperty("dpop", out var d))
            {
                if (d.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw Fail(OrgSettingsProblem.Invalid, path + ".dpop", "must be true or false.");
                dpop = d.GetBoolean();
            }
            if (!org.TryGetProperty("credential", out var credential))
                throw Fail(OrgSettingsProblem.Invalid, path, $"org '{name}' has no \"credential\" saying where its secret is kept.");
            return new OrgSettings(name, orgUrl, auth, clientId, scopes, keyId, dpop, Credential(credential, path + ".credential", auth));
        }

        private CredentialSource Credential(JsonElement credential, string path, OrgAuthMethod auth)
        {
            if (credential.ValueKind != JsonValueKind.Object)
                throw Fail(OrgSettingsProblem.Invalid, path, "must be an object such as {\"env\": \"VARIABLE\"}, {\"file\": \"key.pem\"}, {\"vault\": \"Vault\", \"secretName\": \"Name\"} or {\"certificateThumbprint\": \"...\"}.");
            CheckFields(credential, path, CredentialFields);
            var given = new[] { "env", "file", "vault", "certificateThumbprint" }.Where(k => credential.TryGetProperty(k, out _)).ToArray();
            if (given.Length != 1)
                throw Fail(OrgSettingsProblem.Invalid, path, given.Length == 0 ? "names no source: give one of env, file, vault (with secretName) or certificateThumbprint." : $"names {string.Join(" and ", given)}; give exactly one source.");
            var kind = given[0];
            var allowed = auth switch
            {
                OrgAuthMethod.PrivateKeyJwt => new[] { "env", "file", "vault" },
                OrgAuthMethod.Certificate => new[] { "certificateThumbprint" },
                _ => new[] { "env", "vault" },
            };
            if (!allowed.Contains(kind))
                throw Fail(OrgSettingsProblem.Invalid, path + "." + kind, $"is not a source for auth {AuthMethods.First(a => a.Value == auth).Key}; use {string.Join(" or ", allowed)}.");
            if (kind != "vault" && credential.TryGetProperty("secretName", out _))
                throw Fail(OrgSettingsProblem.Invalid, path + ".secretName", "belongs with \"vault\".");
            var value = RequiredString(credential, path, kind);
            switch (kind)
            {
                case "env":
                    return CredentialSource.FromEnvironment(value);
                case "file":
                    return CredentialSource.FromFile(_baseDirectory != null && !Path.IsPathRooted(value) ? Path.GetFullPath(Path.Combine(_baseDirectory, value)) : value);
                case "vault":
                    return CredentialSource.FromVault(value, RequiredString(credential, path, "secretName"));
                default:
                    return CredentialSource.FromCertificateStore(value);
            }
        }

        private string OrgUrlOf(string text, string path)
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && OrgUrl.IsLoopback(uri.Host.ToLowerInvariant())))
                throw Fail(OrgSettingsProblem.InsecureOrgUrl, path, $"'{uri.Scheme}://{uri.Host}' is not https; Okta orgs are reached over https (plain http only on loopback, for the emulator).");
            try
            {
                return OrgUrl.Parse(text).Origin;
            }
            catch (InvalidOrgUrlException ex)
            {
                throw Fail(OrgSettingsProblem.Invalid, path, ex.Message);
            }
        }

        private IReadOnlyList<string> Scopes(JsonElement org, string path, bool required)
        {
            if (!org.TryGetProperty("scopes", out var scopes))
                return required ? throw Fail(OrgSettingsProblem.Invalid, path, "has no \"scopes\"; name the Okta API scopes granted to the app, e.g. [\"okta.logs.read\"].") : Array.Empty<string>();
            if (scopes.ValueKind == JsonValueKind.String) return EnvironmentSettings.SplitScopes(scopes.GetString()!);
            if (scopes.ValueKind != JsonValueKind.Array || scopes.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(s.GetString())))
                throw Fail(OrgSettingsProblem.Invalid, path + ".scopes", "must be an array of scope names.");
            var list = scopes.EnumerateArray().Select(s => s.GetString()!.Trim()).Distinct(StringComparer.Ordinal).ToArray();
            return list.Length == 0 && required ? throw Fail(OrgSettingsProblem.Invalid, path + ".scopes", "is empty; name at least one scope.") : list;
        }

        private void CheckFields(JsonElement element, string path, string[] known)
        {
            var properties = element.EnumerateObject().Select(p => p.Name).ToArray();
            foreach (var name in properties)
            {
                if (SecretFields.Contains(name.Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant()))
                {
                    throw Fail(OrgSettingsProblem.LiteralSecret, Join(path, name),
                        "would hold a secret value, and a settings file must not contain secrets. Remove it and keep the secret in an environment variable, " +
                        "a key file or a SecretManagement vault, named in the org's \"credential\": {\"env\": \"VARIABLE\"}, {\"file\": \"key.pem\"} or " +
                        "{\"vault\": \"VaultName\", \"secretName\": \"SecretName\"}.");
                }
            }
            foreach (var name in properties)
            {
                if (!known.Contains(name, StringComparer.Ordinal))
                {
                    var hint = known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
                    throw Fail(OrgSettingsProblem.UnknownField, Join(path, name),
                        hint != null ? $"is not a field; did you mean \"{hint}\"? (names are case-sensitive)" : $"is not a field here; the fields are {string.Join(", ", known)}.");
                }
            }
        }

        private string RequiredString(JsonElement element, string path, string name)
        {
            if (!element.TryGetProperty(name, out var value))
                throw Fail(OrgSettingsProblem.Invalid, path, $"has no \"{name}\".");
            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
                throw Fail(OrgSettingsProblem.Invalid, Join(path, name), "must be a non-empty string.");
            return value.GetString()!.Trim();
        }

        private string? OptionalString(JsonElement element, string path, string name) =>
            element.TryGetProperty(name, out _) ? RequiredString(element, path, name) : null;

        private OrgSettingsException Fail(OrgSettingsProblem problem, string field, string message)
        {
            var line = _lines.LineOf(field);
            var where = field.Length == 0 ? string.Empty : $" {field}";
            var at = line is { } l ? $" (line {l})" : string.Empty;
            return new OrgSettingsException(problem, $"{_source}{where}{at}: {message}", field.Length == 0 ? null : field, line);
        }

        private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
    }
}
