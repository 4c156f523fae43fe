using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OktaIntegration.Emulator.SystemLog.Scenarios;

/// <summary>
/// Attack scenarios for Find-OktaThreat, each planted among realistic benign traffic with a
/// ground-truth label, plus the near-misses that no rule may report. Benign users keep a home
/// (city, address, ISP) and two clients (a desktop browser, a phone on home Wi-Fi), sign in twice a
/// day with an Okta Verify push and a few app sign-ons, and now and then mistype a password once.
/// Scenarios: see <see cref="Attacks"/> and <see cref="NearMisses"/>. Two near-misses rely on the
/// allow-lists in <see cref="RecommendedSettingsJson"/> (the VPN's ASN, the automation account).
/// Deterministic for a seed.
/// </summary>
public sealed class ThreatScenarioGenerator
{
    public const long AllowListedVpnAsn = 64512;
    public const string AutomationLogin = "svc-automation@example.com";

    /// <summary>The settings the near-misses assume: the corporate VPN's ASN and the automation account allow-listed.</summary>
    public static readonly string RecommendedSettingsJson =
        "{ \"allowList\": { \"asns\": [" + AllowListedVpnAsn.ToString(CultureInfo.InvariantCulture) + "], \"actors\": [\"" + AutomationLogin + "\"] } }";

    public static readonly IReadOnlyList<string> Attacks = new[]
    {
        "impossible-travel", "mfa-fatigue", "password-spray", "distributed-spray", "credential-stuffing", "brute-force", "brute-force-lockout",
        "success-after-spray", "admin-grant", "api-token", "mfa-reset", "session-hijack", "threatinsight", "suspicious-report",
        "zone-blocklist-removed", "new-country",
    };

    public static readonly IReadOnlyList<string> NearMisses = new[] { "vpn-hop", "mfa-four-denies", "mistyped-password", "automation-grant", "wifi-to-mobile" };

    public static IReadOnlyList<string> All => Attacks.Concat(NearMisses).ToArray();

    private static readonly ScenarioPlace[] Homes =
    {
        new("San Francisco", "California", "United States", 37.7897, -122.3942, 7922, "comcast"),
        new("New York", "New York", "United States", 40.7128, -74.006, 701, "verizon"),
        new("London", "England", "United Kingdom", 51.5164, -0.093, 2856, "british telecommunications"),
        new("Berlin", "Land Berlin", "Germany", 52.5323, 13.3846, 3320, "deutsche telekom"),
        new("Toronto", "Ontario", "Canada", 43.6547, -79.3623, 812, "rogers communications"),
    };

    private static readonly ScenarioPlace Moscow = new("Moscow", "Moscow", "Russia", 55.7558, 37.6173, 12389, "rostelecom");
    private static readonly ScenarioPlace Bucharest = new("Bucharest", "Bucuresti", "Romania", 44.4268, 26.1025, 9050, "rcs and rds");
    private static readonly ScenarioPlace Amsterdam = new("Amsterdam", "North Holland", "Netherlands", 52.3676, 4.9041, 14061, "digitalocean");
    private static readonly ScenarioPlace Shanghai = new("Shanghai", "Shanghai", "China", 31.2304, 121.4737, 4134, "chinanet");
    private static readonly ScenarioPlace SaoPaulo = new("Sao Paulo", "Sao Paulo", "Brazil", -23.5505, -46.6333, 28573, "claro");
    private static readonly ScenarioPlace VpnFrankfurt = new("Frankfurt am Main", "Hesse", "Germany", 50.1109, 8.6821, AllowListedVpnAsn, "corp-vpn");
    private static readonly ScenarioPlace VpnSingapore = new("Singapore", "Singapore", "Singapore", 1.3521, 103.8198, AllowListedVpnAsn, "corp-vpn");

    private static readonly ScenarioAgent Desktop = new("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", "Windows 10", "CHROME", "Computer");
    private static readonly ScenarioAgent Phone = new("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148", "iOS", "MOBILE_SAFARI", "Mobile");
    private static readonly ScenarioAgent Script = new("python-requests/2.32.3", "Unknown", "UNKNOWN", "Unknown");
    private static readonly ScenarioAgent Tool = new("Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0", "Linux", "FIREFOX", "Computer");

    private static readonly string[] Apps = { "Salesforce.com", "Slack", "Workday", "GitHub", "Zoom" };

    private readonly Random _random;
    private readonly IReadOnlyList<ScenarioUser> _users;
    private readonly List<ScenarioEvent> _events = new();
    private readonly List<GroundTruthLabel> _labels = new();
    private int _nextUser;
    private int _nextIp;

    public ThreatScenarioGenerator(int seed, IReadOnlyList<ScenarioUser> users)
    {
        if (users.Count < 8) throw new ArgumentException("Threat scenarios need at least 8 users.");
        _random = new Random(seed ^ 0x7A3);
        _users = users;
    }

    public IReadOnlyList<ScenarioEvent> Events => _events;

    public IReadOnlyList<GroundTruthLabel> Labels => _labels;

    /// <summary>The uuids of the events the scenarios planted (everything else is benign background).</summary>
    public IReadOnlyCollection<string> PlantedUuids => _planted;

    private readonly HashSet<string> _planted = new(StringComparer.Ordinal);
    private bool _planting;

    /// <summary>
    /// A whole stream: benign traffic for every user from <paramref name="startMs"/> to
    /// <paramref name="endMs"/>, and the scenarios planted one after another once 8.5 days of
    /// baseline have passed, the last at least 14 hours before the end (the MFA-reset absence check needs 12).
    /// Events are returned sorted by published time.
    /// </summary>
    public static ThreatScenarioGenerator Build(int seed, IReadOnlyList<ScenarioUser> users, long startMs, long endMs, IEnumerable<string> scenarios)
    {
        var chosen = scenarios.ToList();
        foreach (var s in chosen)
            if (!All.Contains(s)) throw new ArgumentException($"There is no threat scenario '{s}'. Scenarios: {string.Join(", ", All)}.");
        var g = new ThreatScenarioGenerator(seed, users);
        var first = startMs + (long)TimeSpan.FromDays(8.5).TotalMilliseconds;
        var last = endMs - (long)TimeSpan.FromHours(14).TotalMilliseconds;
        if (chosen.Count > 0 && last <= first) throw new ArgumentException("The stream is too short for threat scenarios: give it at least 10 days.");
        g.Background(startMs, endMs);
        var step = chosen.Count > 1 ? (last - first) / (chosen.Count - 1) : 0;
        for (var i = 0; i < chosen.Count; i++) g.Plant(chosen[i], first + i * step);
        g._events.Sort((a, b) => a.PublishedMs.CompareTo(b.PublishedMs));
        return g;
    }

    /// <summary>Benign traffic of every user.</summary>
    public void Background(long startMs, long endMs)
    {
        const long Day = 86_400_000;
        for (var day = startMs - startMs % Day; day < endMs; day += Day)
        {
            for (var u = 0; u < _users.Count; u++)
            {
                var user = _users[u];
                var baseHour = 7 + u % 8;
                for (var k = 0; k < 2; k++)
                {
                    var t = day + (baseHour + 5 * k) * 3_600_000L + _random.Next(0, 1_800_000);
                    if (t < startMs || t >= endMs - 3_600_000) continue;
                    var agent = (day == startMs - startMs % Day || day - Day < startMs) ? (k == 0 ? Desktop : Phone) : (_random.Next(5) == 0 ? Phone : Desktop);
                    if (_random.Next(25) == 0) Failure(user, t - 40_000, Home(u), HomeIp(u), agent, "INVALID_CREDENTIALS");
                    BenignSession(user, t, Home(u), HomeIp(u), agent);
                }
            }
        }
    }

    private void BenignSession(ScenarioUser user, long t, ScenarioPlace place, string ip, ScenarioAgent agent, string? sessionId = null)
    {
        var session = sessionId ?? NewSession();
        Add(new ScenarioEventSpec { EventType = "user.authentication.auth_via_mfa", DisplayMessage = "Authentication of user via MFA", PublishedMs = t - 5_000, Actor = user, Ip = ip, Place = place, Agent = agent, SessionId = session }
            .WithDebug("factor", "OKTA_VERIFY_PUSH"));
        SignIn(user, t, place, ip, agent, session);
        Add(new ScenarioEventSpec { EventType = "policy.evaluate_sign_on", DisplayMessage = "Evaluation of sign-on policy", PublishedMs = t + 1_000, Actor = user, Ip = ip, Place = place, Agent = agent, SessionId = session, Result = "ALLOW", Severity = "INFO" });
        var apps = 1 + _random.Next(3);
        for (var a = 0; a < apps; a++)
        {
            var app = Apps[_random.Next(Apps.Length)];
            var sso = new ScenarioEventSpec { EventType = "user.authentication.sso", DisplayMessage = "User single sign on to app", PublishedMs = t + 60_000 + _random.Next(0, 3_000_000), Actor = user, Ip = ip, Place = place, Agent = agent, SessionId = session };
            sso.Targets.Add(("0oa" + Hex(17), "AppInstance", app, app));
            Add(sso);
        }
    }

    /// <summary>Plants one scenario at <paramref name="t"/> and records its label.</summary>
    public void Plant(string scenario, long t)
    {
        _planting = true;
        try
        {
            PlantCore(scenario, t);
        }
        finally
        {
            _planting = false;
        }
    }

    private void PlantCore(string scenario, long t)
    {
        switch (scenario)
        {
            case "impossible-travel":
            {
                var v = Victim(out var u);
                var ip = AttackIp();
                BenignSession(v, t - 2_400_000, Home(u), HomeIp(u), Desktop);
                SignIn(v, t, Moscow, ip, Desktop);
                Label(scenario, "ImpossibleTravel", v, ip, t - 2_400_000, t);
                break;
            }
            case "mfa-fatigue":
            {
                var v = Victim(out _);
                var ip = AttackIp();
                for (var i = 0; i < 7; i++)
                    Add(new ScenarioEventSpec { EventType = "user.mfa.okta_verify.deny_push", DisplayMessage = "User rejected Okta Verify push", PublishedMs = t + i * 35_000, Actor = v, Ip = ip, Place = Bucharest, Agent = Tool, Result = "FAILURE", Reason = "User rejected Okta Verify push" });
                Add(new ScenarioEventSpec { EventType = "user.authentication.auth_via_mfa", DisplayMessage = "Authentication of user via MFA", PublishedMs = t + 300_000, Actor = v, Ip = ip, Place = Bucharest, Agent = Tool }.WithDebug("factor", "OKTA_VERIFY_PUSH"));
                SignIn(v, t + 305_000, Bucharest, ip, Tool);
                Label(scenario, "MfaPushFatigue", v, ip, t, t + 305_000);
                break;
            }
            case "mfa-four-denies":
            {
                var v = Victim(out var u);
                for (var i = 0; i < 4; i++)
                    Add(new ScenarioEventSpec { EventType = "user.mfa.okta_verify.deny_push", DisplayMessage = "User rejected Okta Verify push", PublishedMs = t + i * 60_000, Actor = v, Ip = HomeIp(u), Place = Home(u), Agent = Desktop, Result = "FAILURE", Reason = "User rejected Okta Verify push" });
                NearMiss(scenario, "MfaPushFatigue", v, null, t, t + 240_000);
                break;
            }
            case "password-spray":
            case "success-after-spray":
            {
                var ip = AttackIp();
                var targets = Enumerable.Range(0, 6).Select(_ => Victim(out var _)).ToList();
                for (var round = 0; round < 3; round++)
                    for (var i = 0; i < targets.Count; i++)
                        Failure(targets[i], t + (round * 6 + i) * 120_000, Amsterdam, ip, Tool, "INVALID_CREDENTIALS");
                Label(scenario, "PasswordSpray", null, ip, t, t + 18 * 120_000);
                if (scenario == "success-after-spray")
                {
                    var s = t + 18 * 120_000 + 900_000;
                    SignIn(targets[0], s, Amsterdam, ip, Tool);
                    Label(scenario, "SuccessAfterAttack", targets[0], ip, t, s);
                }
                break;
            }
            case "distributed-spray":
            {
                var ips = Enumerable.Range(0, 10).Select(_ => AttackIp()).ToList();
                var targets = Enumerable.Range(0, 10).Select(_ => Victim(out var _)).ToList();
                var n = 0;
                for (var i = 0; i < ips.Count; i++)
                    for (var k = 0; k < 3; k++)
                        Failure(targets[(i + k) % targets.Count], t + (n++) * 24_000, Shanghai, ips[i], Tool, "INVALID_CREDENTIALS");
                Label(scenario, "DistributedPasswordSpray", null, null, t, t + n * 24_000);
                break;
            }
            case "credential-stuffing":
            {
                var ip = AttackIp();
                for (var i = 0; i < 30; i++)
                {
                    var time = t + i * 20_000;
                    if (i % 3 == 0) Failure(Victim(out var _), time, Amsterdam, ip, Script, "INVALID_CREDENTIALS");
                    else Add(new ScenarioEventSpec { EventType = "user.session.start", PublishedMs = time, ActorLogin = $"leaked{i}.{_nextIp}@example.com", Ip = ip, Place = Amsterdam, Agent = Script, Result = "FAILURE", Reason = "INVALID_CREDENTIALS" });
                }
                Label(scenario, "CredentialStuffing", null, ip, t, t + 30 * 20_000);
                break;
            }
            case "brute-force":
            {
                var v = Victim(out _);
                var ips = Enumerable.Range(0, 6).Select(_ => AttackIp()).ToList();
                for (var i = 0; i < 12; i++) Failure(v, t + i * 90_000, Shanghai, ips[i % ips.Count], Tool, "INVALID_CREDENTIALS");
                Label(scenario, "BruteForce", v, null, t, t + 12 * 90_000);
                break;
            }
            case "brute-force-lockout":
            {
                var v = Victim(out _);
                var ip = AttackIp();
                for (var i = 0; i < 3; i++)
                {
                    Failure(v, t + i * 2_400_000, Moscow, ip, Tool, "LOCKED_OUT");
                    Add(new ScenarioEventSpec { EventType = "user.account.lock", DisplayMessage = "Max sign in attempts exceeded", PublishedMs = t + i * 2_400_000 + 1_000, Actor = v, Ip = ip, Place = Moscow, Agent = Tool, Result = "SUCCESS" });
                }
                Label(scenario, "BruteForce", v, ip, t, t + 2 * 2_400_000 + 1_000);
                break;
            }
            case "mistyped-password":
            {
                var v = Victim(out var u);
                for (var i = 0; i < 3; i++) Failure(v, t + i * 20_000, Home(u), HomeIp(u), Desktop, "INVALID_CREDENTIALS");
                BenignSession(v, t + 70_000, Home(u), HomeIp(u), Desktop);
                NearMiss(scenario, "BruteForce", v, HomeIp(u), t, t + 70_000);
                break;
            }
            case "admin-grant":
            case "automation-grant":
            {
                var grantee = Victim(out _);
                var automation = scenario == "automation-grant";
                var admin = automation ? new ScenarioUser("00uautomation0000001", AutomationLogin, "Provisioning automation") : Victim(out _);
                var adminIp = automation ? "192.0.2.10" : HomeIp(_nextUser - 1);
                var e = new ScenarioEventSpec { EventType = "user.account.privilege.grant", DisplayMessage = "Grant user privilege", PublishedMs = t, Actor = admin, Ip = adminIp, Place = Homes[0], Agent = Desktop, SessionId = NewSession() }
                    .WithDebug("privilegeGranted", automation ? "Help Desk Administrator" : "Super administrator");
                e.Targets.Add((grantee.Id, "User", grantee.Login, grantee.Name));
                Add(e);
                if (automation) NearMiss(scenario, "AdminPrivilegeGranted", grantee, null, t, t);
                else Label(scenario, "AdminPrivilegeGranted", grantee, adminIp, t, t);
                break;
            }
            case "api-token":
            {
                var admin = Victim(out var u);
                var e = new ScenarioEventSpec { EventType = "system.api_token.create", DisplayMessage = "Create API token", PublishedMs = t, Actor = admin, Ip = HomeIp(u), Place = Home(u), Agent = Desktop, SessionId = NewSession() };
                e.Targets.Add(("00T" + Hex(17), "Token", "unknown", "backup-sync"));
                Add(e);
                Label(scenario, "ApiTokenCreated", admin, HomeIp(u), t, t);
                break;
            }
            case "mfa-reset":
            {
                var v = Victim(out _);
                var admin = Victim(out var ua);
                var e = new ScenarioEventSpec { EventType = "user.mfa.factor.reset_all", DisplayMessage = "Reset all factors for user", PublishedMs = t, Actor = admin, Ip = HomeIp(ua), Place = Home(ua), Agent = Desktop, SessionId = NewSession() };
                e.Targets.Add((v.Id, "User", v.Login, v.Name));
                Add(e);
                Label(scenario, "MfaFactorReset", v, null, t, t + 12 * 3_600_000L);
                break;
            }
            case "session-hijack":
            case "wifi-to-mobile":
            {
                var v = Victim(out var u);
                var session = NewSession();
                var hijack = scenario == "session-hijack";
                var agent = hijack ? Desktop : Phone;
                BenignSession(v, t, Home(u), HomeIp(u), agent, session);
                var ip = hijack ? AttackIp() : MobileIp(u);
                var place = hijack ? Amsterdam : Home(u) with { Asn = 21928, AsOrg = "t-mobile" };
                for (var i = 0; i < 3; i++)
                {
                    var sso = new ScenarioEventSpec { EventType = "user.authentication.sso", DisplayMessage = "User single sign on to app", PublishedMs = t + 600_000 + i * 30_000, Actor = v, Ip = ip, Place = place, Agent = hijack ? Script : agent, SessionId = session };
                    sso.Targets.Add(("0oa" + Hex(17), "AppInstance", "GitHub", "GitHub"));
                    Add(sso);
                }
                if (hijack) Label(scenario, "SessionHijack", v, ip, t, t + 660_000);
                else NearMiss(scenario, "SessionHijack", v, ip, t, t + 660_000);
                break;
            }
            case "threatinsight":
            {
                var ip = AttackIp();
                var e = new ScenarioEventSpec { EventType = "security.threat.detected", DisplayMessage = "Request from suspicious actor", PublishedMs = t, ActorLogin = "unknown", ActorType = "User", Ip = ip, Place = Shanghai, Agent = Script, Result = "ALLOW", Reason = "Password Spray" }
                    .WithDebug("threatSuspected", "true").WithDebug("threatDetections", "{\"Password Spray\":\"HIGH\"}");
                Add(e);
                Label(scenario, "ThreatInsight", null, ip, t, t);
                break;
            }
            case "suspicious-report":
            {
                var v = Victim(out var u);
                var e = new ScenarioEventSpec { EventType = "user.account.report_suspicious_activity_by_enduser", DisplayMessage = "User report suspicious activity", PublishedMs = t, Actor = v, Ip = HomeIp(u), Place = Home(u), Agent = Phone }
                    .WithDebug("suspiciousActivityEventType", "system.email.new_device_notification.sent_message");
                e.Targets.Add((v.Id, "User", v.Login, v.Name));
                Add(e);
                Label(scenario, "SuspiciousActivityReported", v, null, t, t);
                break;
            }
            case "zone-blocklist-removed":
            {
                var admin = Victim(out var u);
                var e = new ScenarioEventSpec { EventType = "zone.remove_blacklist", DisplayMessage = "Network zone no longer a blocklist", PublishedMs = t, Actor = admin, Ip = HomeIp(u), Place = Home(u), Agent = Desktop, SessionId = NewSession() };
                e.Targets.Add(("nzo" + Hex(17), "NetworkZone", "unknown", "BlockedIpZone"));
                Add(e);
                Label(scenario, "SecurityConfigTampering", admin, HomeIp(u), t, t);
                break;
            }
            case "new-country":
            {
                var v = Victim(out _);
                var ip = AttackIp();
                SignIn(v, t, SaoPaulo, ip, Desktop);
                Label(scenario, "NewSignInContext", v, ip, t, t);
                break;
            }
            case "vpn-hop":
            {
                var v = Victim(out var u);
                BenignSession(v, t, Home(u), HomeIp(u), Desktop);
                var a = "100.64.8." + (10 + _nextIp++ % 200).ToString(CultureInfo.InvariantCulture);
                var b = "100.64.9." + (10 + _nextIp++ % 200).ToString(CultureInfo.InvariantCulture);
                BenignSession(v, t + 1_200_000, VpnFrankfurt, a, Desktop);
                BenignSession(v, t + 3_000_000, VpnSingapore, b, Desktop);
                NearMiss(scenario, "ImpossibleTravel", v, null, t, t + 3_000_000);
                break;
            }
            default:
                throw new ArgumentException($"There is no threat scenario '{scenario}'. Scenarios: {string.Join(", ", All)}.");
        }
    }

    private void SignIn(ScenarioUser user, long t, ScenarioPlace place, string ip, ScenarioAgent agent, string? session = null) =>
        Add(new ScenarioEventSpec { EventType = "user.session.start", PublishedMs = t, Actor = user, Ip = ip, Place = place, Agent = agent, SessionId = session ?? NewSession() });

    private void Failure(ScenarioUser user, long t, ScenarioPlace place, string ip, ScenarioAgent agent, string reason) =>
        Add(new ScenarioEventSpec { EventType = "user.session.start", PublishedMs = t, Actor = user, Ip = ip, Place = place, Agent = agent, Result = "FAILURE", Reason = reason });

    private void Add(ScenarioEventSpec spec)
    {
        var e = ScenarioEventWriter.Write(spec, NewUuid());
        _events.Add(e);
        if (_planting) _planted.Add(e.Uuid);
    }

    private void Label(string scenario, string rule, ScenarioUser? user, string? ip, long start, long end) =>
        _labels.Add(new GroundTruthLabel(scenario, rule, true, user?.Id, user?.Login, ip, DateTimeOffset.FromUnixTimeMilliseconds(start), DateTimeOffset.FromUnixTimeMilliseconds(end)));

    private void NearMiss(string scenario, string rule, ScenarioUser? user, string? ip, long start, long end) =>
        _labels.Add(new GroundTruthLabel(scenario, rule, false, user?.Id, user?.Login, ip, DateTimeOffset.FromUnixTimeMilliseconds(start), DateTimeOffset.FromUnixTimeMilliseconds(end)));

    /// <summary>The next user no other scenario has used (they all have a benign baseline).</summary>
    private ScenarioUser Victim(out int index)
    {
        index = _nextUser++ % _users.Count;
        return _users[index];
    }

    private static ScenarioPlace Home(int u) => Homes[u % Homes.Length];

    private static string HomeIp(int u) => string.Format(CultureInfo.InvariantCulture, "{0}.{1}.{2}.{3}", 24 + u % Homes.Length * 10, 1 + u / 250 % 250, 1 + u % 250, 10 + u % 7);

    private static string MobileIp(int u) => string.Format(CultureInfo.InvariantCulture, "172.56.{0}.{1}", 1 + u / 250 % 250, 1 + u % 250);

    /// <summary>Attack addresses from the documentation ranges, a new one each time.</summary>
    private string AttackIp()
    {
        var n = _nextIp++;
        var ranges = new[] { "203.0.113.", "198.51.100.", "192.0.2." };
        return ranges[n / 250 % ranges.Length] + (1 + n % 250).ToString(CultureInfo.InvariantCulture);
    }

    private string NewSession() => "102" + Hex(22);

    private string NewUuid()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private string Hex(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = alphabet[_random.Next(alphabet.Length)];
        return new string(chars);
    }
}

internal static class ScenarioEventSpecExtensions
{
    public static ScenarioEventSpec WithDebug(this ScenarioEventSpec spec, string name, string value)
    {
        spec.Debug[name] = value;
        return spec;
    }
}
