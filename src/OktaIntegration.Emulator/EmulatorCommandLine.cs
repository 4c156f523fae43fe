using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace OktaIntegration.Emulator;

/// <summary>Turns the program's arguments into options. Every option is documented in <see cref="Usage"/>.</summary>
public static class EmulatorCommandLine
{
    public const string Usage = @"Options:
  --urls URL                 loopback URL to listen on (default http://127.0.0.1:0, an OS-chosen port)
  --api-token TOKEN          an SSWS token to accept (repeatable)
  --events N                 System Log events to seed (default 500)
  --users N                  users to seed (default 60)
  --seed N                   seed for the generated data (default 42)
  --group NAME=N             add a group NAME with N generated members (repeatable; for benchmarks)
  --client-id ID             register an API Services app (then the options below apply to it)
  --public-key PATH          the app's public key: PEM (SubjectPublicKeyInfo), a JWK or a JWKS (repeatable)
  --client-secret SECRET     the app's client secret (client_secret_basic)
  --scopes 'a b'             scopes granted to the app (space or comma separated)
  --dpop                     the app requires DPoP
  --native                   the app is a native (public) app that signs users in with the device code grant
  --approve-device-codes     not Okta: approve every device code as it is issued (no browser needed)
  --token-lifetime SECONDS   access-token lifetime (default 3600)
  --rate-limit PATH=N/S      N requests per S seconds for PATH (exact; end it with * for a prefix) (repeatable)
  --concurrency N            concurrent requests allowed (default 75)
  --classic                  report the Classic engine instead of Identity Engine
  --scenarios all|NAME,...   plant threat scenarios (attacks and near-misses) among 11 days of benign sign-ins;
                             names: impossible-travel, mfa-fatigue, password-spray, distributed-spray,
                             credential-stuffing, brute-force, brute-force-lockout, success-after-spray,
                             admin-grant, api-token, mfa-reset, session-hijack, threatinsight,
                             suspicious-report, zone-blocklist-removed, new-country (attacks);
                             vpn-hop, mfa-four-denies, mistyped-password, automation-grant, wifi-to-mobile
                             (near-misses: need the allow-lists of --scenario-settings); 'attacks', 'near-misses'
  --scenario-labels PATH     write the planted scenarios' ground truth (JSON) to PATH
  --scenario-settings PATH   write the Find-OktaThreat settings the near-misses assume (allow-lists) to PATH
  --entra-certificate PATH   register a certificate (PEM or DER) on the emulated Entra app of the Sentinel endpoints (repeatable)";

    public static (EmulatorOptions Options, string Url) Parse(string[] args)
    {
        var options = new EmulatorOptions();
        var url = "http://127.0.0.1:0";
        ServiceAppRegistration? app = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--urls": url = Value(); break;
                case "--api-token": options.ApiTokens.Add(Value()); break;
                case "--events": options.EventCount = Int(Value(), "--events"); break;
                case "--users": options.UserCount = Int(Value(), "--users"); break;
                case "--seed": options.Seed = Int(Value(), "--seed"); break;
                case "--group":
                {
                    var text = Value();
                    var eq = text.LastIndexOf('=');
                    if (eq <= 0) throw new ArgumentException($"--group '{text}' must look like Large=50000.");
                    options.GeneratedGroups.Add((text.Substring(0, eq), Int(text.Substring(eq + 1), "--group")));
                    break;
                }
                case "--client-id":
                    app = new ServiceAppRegistration(Value());
                    options.Apps.Add(app);
                    break;
                case "--public-key": RequireApp(app, "--public-key").PublicJwks.Add(PublicKeys.ToJwk(File.ReadAllText(Value()), RequireApp(app, "--public-key").PublicJwks.Count)); break;
                case "--client-secret": RequireApp(app, "--client-secret").ClientSecret = Value(); break;
                case "--scopes":
                    foreach (var s in Value().Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries)) RequireApp(app, "--scopes").GrantedScopes.Add(s);
                    break;
                case "--dpop": RequireApp(app, "--dpop").RequireDPoP = true; break;
                case "--native": RequireApp(app, "--native").PublicClient = true; break;
                case "--approve-device-codes": options.AutoApproveDeviceCodes = true; break;
                case "--token-lifetime": options.AccessTokenLifetime = TimeSpan.FromSeconds(Int(Value(), "--token-lifetime")); break;
                case "--concurrency": options.ConcurrencyLimit = Int(Value(), "--concurrency"); break;
                case "--classic": options.Pipeline = "v1"; break;
                case "--scenarios":
                    foreach (var name in Value().Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries))
                    {
                        var chosen = name switch
                        {
                            "all" => SystemLog.Scenarios.ThreatScenarioGenerator.All,
                            "attacks" => SystemLog.Scenarios.ThreatScenarioGenerator.Attacks,
                            "near-misses" => SystemLog.Scenarios.ThreatScenarioGenerator.NearMisses,
                            _ when SystemLog.Scenarios.ThreatScenarioGenerator.All.Contains(name) => new[] { name },
                            _ => throw new ArgumentException($"--scenarios: there is no scenario '{name}'."),
                        };
                        foreach (var c in chosen) if (!options.ThreatScenarios.Contains(c)) options.ThreatScenarios.Add(c);
                    }
                    break;
                case "--scenario-labels": options.ScenarioLabelsPath = Value(); break;
                case "--scenario-settings": File.WriteAllText(Value(), SystemLog.Scenarios.ThreatScenarioGenerator.RecommendedSettingsJson); break;
                case "--entra-certificate":
                {
                    var path = Value();
                    var text = File.ReadAllText(path);
                    options.EntraCertificates.Add(text.Contains("-----BEGIN", StringComparison.Ordinal)
                        ? System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(text)
                        : System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(File.ReadAllBytes(path)));
                    break;
                }
                case "--rate-limit":
                {
                    var text = Value();
                    var eq = text.IndexOf('=');
                    var slash = text.IndexOf('/', eq + 1);
                    if (eq <= 0 || slash < 0) throw new ArgumentException($"--rate-limit '{text}' must look like /api/v1/logs=30/3.");
                    options.RateLimits[text.Substring(0, eq)] = new RateLimitRule(Int(text.Substring(eq + 1, slash - eq - 1), "--rate-limit"),
                        TimeSpan.FromSeconds(double.Parse(text.Substring(slash + 1), CultureInfo.InvariantCulture)));
                    break;
                }
                case "--help":
                case "-h":
                    throw new ArgumentException("OktaIntegration emulator: a local Okta org on loopback.");
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }
        return (options, url);
    }

    private static ServiceAppRegistration RequireApp(ServiceAppRegistration? app, string option) =>
        app ?? throw new ArgumentException($"{option} belongs to an app: give --client-id first.");

    private static int Int(string text, string option) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException($"{option} needs a whole number, not '{text}'.");
}
