using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using OktaIntegration.Emulator.Data;

namespace OktaIntegration.Emulator.SystemLog;

/// <summary>
/// Writes realistic LogEvent JSON the way Okta serves it: every sub-object (actor, client with
/// user agent and geography, outcome, targets, transaction, debugContext, authenticationContext,
/// securityContext, request.ipChain, device on Okta Verify events), <c>version</c> as the string
/// "0", <c>client.zone</c> as the literal string "null", and null-valued fields left out. The
/// event mix comes from Okta's event-type catalog. Everything but the timestamps is a function
/// of the seed, so the same seed gives the same log.
/// </summary>
public sealed class LogEventGenerator
{
    private static readonly Template[] Templates =
    {
        new("user.session.start", "User login to Okta", "core.user_auth.login_success", "INFO", TargetKind.None, 14),
        new("user.authentication.sso", "User single sign on to app", "app.auth.sso", "INFO", TargetKind.App, 12),
        new("user.authentication.verify", "Verify user identity", null, "INFO", TargetKind.None, 6),
        new("user.authentication.auth_via_mfa", "Authentication of user via MFA", "core.user.factor.attempt_success", "INFO", TargetKind.None, 6),
        new("user.mfa.factor.activate", "User activated MFA factor", null, "INFO", TargetKind.User, 2),
        new("user.mfa.okta_verify.deny_push", "User rejected Okta Verify push", null, "WARN", TargetKind.None, 1),
        new("policy.evaluate_sign_on", "Evaluation of sign-on policy", null, "INFO", TargetKind.Policy, 8),
        new("user.session.end", "User logout from Okta", "core.user_auth.logout_success", "INFO", TargetKind.None, 5),
        new("user.session.clear", "Clear user session", null, "INFO", TargetKind.User, 1),
        new("user.session.context.change", "User session context changed", null, "INFO", TargetKind.None, 1),
        new("app.oauth2.as.token.grant.access_token", "OAuth2 access token is granted", null, "INFO", TargetKind.App, 8),
        new("group.user_membership.add", "Add user to group membership", "core.user_group_member.user_add", "INFO", TargetKind.UserAndGroup, 4),
        new("group.user_membership.remove", "Remove user from group membership", "core.user_group_member.user_remove", "INFO", TargetKind.UserAndGroup, 2),
        new("user.lifecycle.create", "Create Okta user", "core.user.config.user_creation.success", "INFO", TargetKind.User, 2),
        new("user.lifecycle.activate", "Activate Okta user", "core.user.config.user_activated", "INFO", TargetKind.User, 1),
        new("user.lifecycle.suspend", "Suspend Okta user", "core.user.config.user_status.suspended", "INFO", TargetKind.User, 1),
        new("user.lifecycle.unsuspend", "Unsuspend Okta user", "core.user.config.user_status.unsuspended", "INFO", TargetKind.User, 1),
        new("user.lifecycle.deactivate", "Deactivate Okta user", "core.user.config.user_deactivated", "INFO", TargetKind.User, 1),
        new("user.account.update_password", "User update password for Okta", "core.user.config.password_update.success", "INFO", TargetKind.User, 2),
        new("user.account.lock", "Max sign in attempts exceeded", "core.user_auth.account_locked", "WARN", TargetKind.None, 1),
        new("user.account.privilege.grant", "Grant user privilege", "core.user.admin_privilege.granted", "INFO", TargetKind.User, 1),
        new("user.account.privilege.revoke", "Revoke user privilege", "core.user.admin_privilege.revoked", "INFO", TargetKind.User, 1),
        new("group.privilege.grant", "Grant group privilege", null, "INFO", TargetKind.Group, 1),
        new("application.user_membership.add", "Add user to application membership", "app.generic.provision.assign_user_to_app", "INFO", TargetKind.UserAndApp, 2),
        new("zone.update", "Update network zone", null, "INFO", TargetKind.Zone, 1),
        new("security.request.blocked", "Request from suspicious actor blocked", null, "WARN", TargetKind.None, 1),
        new("security.threat.detected", "Request from suspicious actor", null, "WARN", TargetKind.None, 1),
        new("user.risk.change", "User risk changed", null, "WARN", TargetKind.User, 1),
        new("system.org.rate_limit.warning", "Rate limit warning", null, "WARN", TargetKind.None, 1),
        new("core.concurrency.org.limit.violation", "Concurrency limit violation", null, "WARN", TargetKind.None, 1),
        new("system.api_token.create", "Create API token", null, "INFO", TargetKind.Token, 1),
        new("system.agent.ad.read_dirsync", "Read DirSync changes", null, "DEBUG", TargetKind.None, 1),
    };

    private static readonly (string Raw, string Os, string Browser)[] Agents =
    {
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", "Windows 10", "CHROME"),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Mac OS X", "SAFARI"),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0", "Linux", "FIREFOX"),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148", "iOS", "MOBILE_SAFARI"),
        ("okta-sdk-dotnet/9.0.0 dotnet/8.0", "Unknown", "UNKNOWN"),
    };

    private static readonly (string City, string State, string Country, string Postal, double Lat, double Lon, string Isp)[] Places =
    {
        ("San Francisco", "California", "United States", "94105", 37.7897, -122.3942, "comcast"),
        ("London", "England", "United Kingdom", "EC1A", 51.5164, -0.093, "british telecommunications plc"),
        ("Sydney", "New South Wales", "Australia", "2000", -33.8591, 151.2002, "telstra corporation"),
        ("Berlin", "Land Berlin", "Germany", "10115", 52.5323, 13.3846, "deutsche telekom ag"),
        ("Toronto", "Ontario", "Canada", "M5H", 43.6547, -79.3623, "rogers communications"),
    };

    private readonly Random _random;
    private readonly IReadOnlyList<EmulatedUser> _users;
    private readonly IReadOnlyList<EmulatedGroup> _groups;
    private readonly int _totalWeight;
    private readonly string _orgId;

    public LogEventGenerator(int seed, OrgState org)
    {
        _random = new Random(seed ^ 0x5157);
        _users = org.Users;
        _groups = org.Groups;
        _orgId = org.OrgId;
        foreach (var t in Templates) _totalWeight += t.Weight;
    }

    /// <summary>Every event type the generator produces.</summary>
    public static IEnumerable<string> EventTypes
    {
        get
        {
            foreach (var t in Templates) yield return t.EventType;
        }
    }

    /// <summary>The next event, published at <paramref name="publishedMs"/>, as UTF-8 JSON.</summary>
    public (string Uuid, string EventType, byte[] Json) Next(long publishedMs, string? eventType = null)
    {
        var template = eventType != null ? Find(eventType) : Pick();
        var uuidBytes = new byte[16];
        _random.NextBytes(uuidBytes);
        var uuid = new Guid(uuidBytes).ToString();
        var agent = Agents[_random.Next(Agents.Length)];
        var place = Places[_random.Next(Places.Length)];
        var ip = $"{_random.Next(11, 223)}.{_random.Next(0, 256)}.{_random.Next(0, 256)}.{_random.Next(1, 255)}";
        var actor = _users.Count > 0 ? _users[_random.Next(_users.Count)] : null;
        var failed = _random.Next(20) == 0;
        var isJob = template.EventType.StartsWith("system.agent", StringComparison.Ordinal);
        var requestId = "aB" + Hex(18);
        var transactionId = requestId;
        var sessionId = "102" + Hex(22);

        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("actor");
            if (actor != null)
            {
                w.WriteString("id", actor.Id);
                w.WriteString("type", "User");
                w.WriteString("alternateId", actor.Login);
                w.WriteString("displayName", actor.FirstName + " " + actor.LastName);
            }
            else
            {
                w.WriteString("id", "0oa" + Hex(17));
                w.WriteString("type", "PublicClientApp");
                w.WriteString("alternateId", "unknown");
                w.WriteString("displayName", "Service integration");
            }
            w.WriteEndObject();

            w.WriteStartObject("client");
            w.WriteStartObject("userAgent");
            w.WriteString("rawUserAgent", agent.Raw);
            w.WriteString("os", agent.Os);
            w.WriteString("browser", agent.Browser);
            w.WriteEndObject();
            w.WriteString("zone", "null"); // Okta's own samples: the literal string "null"
            w.WriteString("device", agent.Browser == "MOBILE_SAFARI" ? "Mobile" : "Computer");
            w.WriteString("ipAddress", ip);
            if (!isJob) WriteGeo(w, "geographicalContext", place);
            w.WriteEndObject();

            if (template.EventType.StartsWith("user.mfa.okta_verify", StringComparison.Ordinal) || template.EventType == "user.authentication.verify")
            {
                w.WriteStartObject("device");
                w.WriteString("id", "guo" + Hex(17));
                w.WriteString("name", "iPhone 15");
                w.WriteString("os_platform", "IOS");
                w.WriteString("os_version", "17.5.1");
                w.WriteBoolean("managed", false);
                w.WriteBoolean("registered", true);
                w.WriteString("disk_encryption_type", "ALL_INTERNAL_VOLUMES");
                w.WriteString("screen_lock_type", "BIOMETRIC");
                w.WriteBoolean("jailbreak", false);
                w.WriteBoolean("secure_hardware_present", true);
                w.WriteEndObject();
            }

            w.WriteStartObject("authenticationContext");
            if (template.EventType.StartsWith("user.authentication", StringComparison.Ordinal) || template.EventType == "user.session.start")
            {
                w.WriteString("authenticationProvider", "OKTA_AUTHENTICATION_PROVIDER");
                w.WriteString("credentialType", template.EventType.Contains("mfa") ? "OTP" : "PASSWORD");
                w.WriteString("credentialProvider", "OKTA_CREDENTIAL_PROVIDER");
            }
            w.WriteString("interface", "Web");
            w.WriteNumber("authenticationStep", 0);
            w.WriteString("externalSessionId", sessionId);
            w.WriteString("rootSessionId", sessionId);
            w.WriteEndObject();

            w.WriteString("displayMessage", template.DisplayMessage);
            w.WriteString("eventType", template.EventType);
            w.WriteStartObject("outcome");
            w.WriteString("result", failed ? "FAILURE" : template.EventType switch
            {
                "security.request.blocked" => "DENY",
                "policy.evaluate_sign_on" => "ALLOW", // a policy's decision (ALLOW, CHALLENGE, DENY), as Okta writes it, not SUCCESS
                _ => "SUCCESS",
            });
            if (failed) w.WriteString("reason", "INVALID_CREDENTIALS");
            w.WriteEndObject();
            w.WriteString("published", FormatTime(publishedMs));

            w.WriteStartObject("securityContext");
            w.WriteNumber("asNumber", 7922 + _random.Next(100));
            w.WriteString("asOrg", place.Isp);
            w.WriteString("isp", place.Isp);
            w.WriteString("domain", place.Isp.Split(' ')[0] + ".net");
            w.WriteBoolean("isProxy", _random.Next(50) == 0);
            w.WriteEndObject();

            w.WriteString("severity", template.Severity);
            w.WriteStartObject("debugContext");
            w.WriteStartObject("debugData");
            w.WriteString("requestId", requestId);
            w.WriteString("requestUri", "/api/v1/authn");
            w.WriteString("url", "/api/v1/authn?");
            if (template.EventType == "policy.evaluate_sign_on") w.WriteString("behaviors", "{New Geo-Location=NEGATIVE, New Device=POSITIVE}");
            w.WriteEndObject();
            w.WriteEndObject();
            if (template.LegacyEventType != null) w.WriteString("legacyEventType", template.LegacyEventType);

            w.WriteStartObject("transaction");
            w.WriteString("type", isJob ? "JOB" : "WEB");
            w.WriteString("id", transactionId);
            w.WriteStartObject("detail");
            if (_random.Next(4) == 0) w.WriteString("requestApiTokenId", "00T" + Hex(17));
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteString("uuid", uuid);
            w.WriteString("version", "0");

            w.WriteStartObject("request");
            w.WriteStartArray("ipChain");
            if (!isJob)
            {
                w.WriteStartObject();
                w.WriteString("ip", ip);
                WriteGeo(w, "geographicalContext", place);
                w.WriteString("version", "V4");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartArray("target");
            WriteTargets(w, template.Targets);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return (uuid, template.EventType, buffer.WrittenSpan.ToArray());
    }

    public static string FormatTime(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private void WriteTargets(Utf8JsonWriter w, TargetKind kind)
    {
        var user = _users.Count > 0 ? _users[_random.Next(_users.Count)] : null;
        var group = _groups.Count > 0 ? _groups[_random.Next(_groups.Count)] : null;
        switch (kind)
        {
            case TargetKind.User when user != null:
                Target(w, user.Id, "User", user.Login, user.FirstName + " " + user.LastName);
                break;
            case TargetKind.Group when group != null:
                Target(w, group.Id, "UserGroup", "unknown", group.Name);
                break;
            case TargetKind.UserAndGroup when user != null && group != null:
                Target(w, user.Id, "User", user.Login, user.FirstName + " " + user.LastName);
                Target(w, group.Id, "UserGroup", "unknown", group.Name);
                break;
            case TargetKind.App:
                Target(w, "0oa" + Hex(17), "AppInstance", "Salesforce.com", "Salesforce.com");
                break;
            case TargetKind.UserAndApp when user != null:
                Target(w, "0ua" + Hex(17), "AppUser", user.Login, user.FirstName + " " + user.LastName);
                Target(w, "0oa" + Hex(17), "AppInstance", "Slack", "Slack");
                break;
            case TargetKind.Policy:
                Target(w, "00p" + Hex(17), "PolicyEntity", "unknown", "Default Policy");
                Target(w, "0pr" + Hex(17), "PolicyRule", "00p" + Hex(17), "Catch-all Rule");
                break;
            case TargetKind.Zone:
                Target(w, "nzo" + Hex(17), "NetworkZone", "unknown", "BlockedIpZone");
                break;
            case TargetKind.Token:
                Target(w, "00T" + Hex(17), "Token", "unknown", "SIEM export");
                break;
        }
    }

    private static void Target(Utf8JsonWriter w, string id, string type, string alternateId, string displayName)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("type", type);
        w.WriteString("alternateId", alternateId);
        w.WriteString("displayName", displayName);
        w.WriteEndObject();
    }

    private static void WriteGeo(Utf8JsonWriter w, string name, (string City, string State, string Country, string Postal, double Lat, double Lon, string Isp) place)
    {
        w.WriteStartObject(name);
        w.WriteString("city", place.City);
        w.WriteString("state", place.State);
        w.WriteString("country", place.Country);
        w.WriteString("postalCode", place.Postal);
        w.WriteStartObject("geolocation");
        w.WriteNumber("lat", place.Lat);
        w.WriteNumber("lon", place.Lon);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private Template Pick()
    {
        var roll = _random.Next(_totalWeight);
        foreach (var t in Templates)
        {
            if (roll < t.Weight) return t;
            roll -= t.Weight;
        }
        return Templates[0];
    }

    private static Template Find(string eventType)
    {
        foreach (var t in Templates) if (t.EventType == eventType) return t;
        return new Template(eventType, eventType, null, "INFO", TargetKind.None, 1);
    }

    private string Hex(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = alphabet[_random.Next(alphabet.Length)];
        return new string(chars);
    }

    private enum TargetKind
    {
        None,
        User,
        Group,
        UserAndGroup,
        App,
        UserAndApp,
        Policy,
        Zone,
        Token,
    }

    private sealed record Template(string EventType, string DisplayMessage, string? LegacyEventType, string Severity, TargetKind Targets, int Weight);
}
