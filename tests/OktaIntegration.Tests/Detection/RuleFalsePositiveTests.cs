using System;
using System.Collections.Generic;
using System.Linq;
using OktaIntegration.Core.Detection;
using OktaIntegration.Core.SystemLog;
using Xunit;

namespace OktaIntegration.Tests.Detection;

/// <summary>
/// Claim: each rule fires on what its catalog's logic says, reads the fields where Okta puts them
/// (debugData values are strings, geography under client.geographicalContext, the session under
/// authenticationContext), and stays quiet on its documented false positives (allow-listed
/// addresses, countries and actors; a network change without a client change; a user's own reset).
/// </summary>
public class RuleFalsePositiveTests
{
    private static List<OktaThreatFinding> Run(IEnumerable<OktaLogEvent> events, string? settingsJson = null, params string[] rules) =>
        DetectionTestKit.Run(events, settingsJson == null ? DetectionSettings.CreateDefault() : DetectionSettings.FromJson(settingsJson), rules);

    [Fact]
    public void ThreatInsight_reads_threatSuspected_from_debugData_as_the_string_Okta_writes()
    {
        var events = OktaEventBuilder.Parse(new[]
        {
            OktaEventBuilder.At("user.session.start", TimeSpan.Zero).Actor("amy@example.com", "00uamy00000000000000").Client("203.0.113.5").Outcome("SUCCESS").Debug("threatSuspected", "true"),
            OktaEventBuilder.At("user.session.start", TimeSpan.FromMinutes(1)).Actor("bob@example.com", "00ubob00000000000000").Client("203.0.113.6").Outcome("SUCCESS").Debug("threatSuspected", "false"),
            OktaEventBuilder.At("security.threat.detected", TimeSpan.FromMinutes(2)).Actor("unknown", "unknown").Client("203.0.113.7").Outcome("DENY", "Password Spray")
                .Debug("threatDetections", "{\"Password Spray\":\"HIGH\"}"),
        });
        var found = Run(events, null, "ThreatInsight");
        Assert.Equal(2, found.Count);
        Assert.Equal("00uamy00000000000000", found[0].UserId);
        Assert.Equal("203.0.113.5", found[0].ClientIp);
        Assert.Equal(ThreatSeverity.Medium, found[0].Severity);
        // Okta already denied it: informational, and the attacker's "unknown" actor is no user.
        Assert.Equal(ThreatSeverity.Informational, found[1].Severity);
        Assert.Null(found[1].UserId);
        Assert.Null(found[1].Login);
    }

    [Fact]
    public void Credential_attack_from_an_allow_listed_office_range_is_quiet_and_its_users_are_not_targets()
    {
        var failures = Enumerable.Range(0, 40).Select(i => OktaEventBuilder.At("user.session.start", TimeSpan.FromSeconds(15 * i))
            .Actor($"staff{i % 20}@example.com").Client("198.51.100." + (1 + i % 6)).Asn(64510).Outcome("FAILURE", "INVALID_CREDENTIALS"));
        var success = OktaEventBuilder.At("user.session.start", TimeSpan.FromMinutes(30)).Actor("staff0@example.com").Client("198.51.100.1").Asn(64510).Outcome("SUCCESS");
        var events = OktaEventBuilder.Parse(failures.Append(success));
        // Without the allow-list this is an attack (so the test would notice a rule that ignores the list) ...
        Assert.Contains(Run(events, null, "PasswordSpray", "CredentialStuffing", "DistributedPasswordSpray", "SuccessAfterAttack"), f => f.Rule == "SuccessAfterAttack");
        // ... with the office range allow-listed, nothing.
        var found = Run(events, "{ \"allowList\": { \"ips\": [\"198.51.100.0/24\"] } }", "PasswordSpray", "CredentialStuffing", "DistributedPasswordSpray", "BruteForce", "SuccessAfterAttack");
        Assert.True(found.Count == 0, string.Join(" | ", found));
    }

    [Fact]
    public void Brute_force_failures_from_an_allow_listed_vpn_asn_do_not_count_but_lockouts_still_do()
    {
        // One user with a stale password, failing from the corporate VPN's egress pool (many addresses, one ASN).
        var failures = Enumerable.Range(0, 12).Select(i => OktaEventBuilder.At("user.session.start", TimeSpan.FromMinutes(i))
            .Actor("kim@example.com", "00ukim00000000000000").Client("192.0.2." + (10 + i % 6)).Asn(64520).Outcome("FAILURE", "INVALID_CREDENTIALS"));
        var events = OktaEventBuilder.Parse(failures);
        Assert.Contains(Run(events, null, "BruteForce"), f => f.Title == "Brute force on one user from many addresses");
        Assert.Empty(Run(events, "{ \"allowList\": { \"asns\": [64520] } }", "BruteForce"));

        var lockouts = OktaEventBuilder.Parse(Enumerable.Range(0, 3).Select(i => OktaEventBuilder.At("user.account.lock", TimeSpan.FromMinutes(20 * i))
            .Actor("kim@example.com", "00ukim00000000000000").Client("192.0.2.10").Asn(64520).Outcome("FAILURE", "LOCKED_OUT")));
        Assert.Contains(Run(lockouts, "{ \"allowList\": { \"asns\": [64520] } }", "BruteForce"), f => f.Title == "Repeated account lockouts");
    }

    [Fact]
    public void Session_used_from_a_new_network_by_the_same_browser_is_quiet_and_replayed_by_a_script_is_a_hijack()
    {
        const string browser = "Mozilla/5.0 (Macintosh) Safari/605.1.15";
        var events = OktaEventBuilder.Parse(new[]
        {
            OktaEventBuilder.At("user.session.start", TimeSpan.Zero).Actor("cat@example.com", "00ucat00000000000000").Client("192.0.2.10", ua: browser).Outcome("SUCCESS").Session("102sessionA"),
            // Wi-Fi to mobile data: a new address, the same browser.
            OktaEventBuilder.At("user.authentication.sso", TimeSpan.FromMinutes(5)).Actor("cat@example.com", "00ucat00000000000000").Client("198.51.100.99", ua: browser).Outcome("SUCCESS").Session("102sessionA"),
        });
        Assert.Empty(Run(events, null, "SessionHijack"));

        var replay = OktaEventBuilder.At("user.authentication.sso", TimeSpan.FromMinutes(9)).Actor("cat@example.com", "00ucat00000000000000").Client("203.0.113.66", "Lithuania", "Vilnius", 54.69, 25.28, ua: "python-requests/2.31")
            .Asn(64520).Outcome("SUCCESS").Session("102sessionA");
        var all = events.Concat(OktaEventBuilder.Parse(new[] { replay })).ToList();
        var found = Assert.Single(Run(all, null, "SessionHijack"));
        Assert.Equal("203.0.113.66", found.ClientIp);
        Assert.Equal("00ucat00000000000000", found.UserId);
        Assert.Equal(64520, found.Asn);
        Assert.Equal(all[2].Uuid, found.GetEvidence()[1]);
    }

    [Fact]
    public void Session_events_that_are_not_a_use_of_the_cookie_are_not_a_hijack()
    {
        const string browser = "Mozilla/5.0 (Macintosh) Safari/605.1.15";
        OktaEventBuilder Use(string type, int minute, string ip, string ua, string result = "SUCCESS") =>
            OktaEventBuilder.At(type, TimeSpan.FromMinutes(minute)).Actor("dee@example.com", "00udee00000000000000").Client(ip, ua: ua).Outcome(result).Session("102sessionB");
        var events = OktaEventBuilder.Parse(new[]
        {
            Use("user.session.start", 0, "192.0.2.10", browser),
            // An app's back end redeeming the user's authorization code: another address, a library's user agent.
            Use("app.oauth2.as.token.grant.access_token", 2, "198.51.100.40", "Go-http-client/1.1"),
            // An Admin Console event showing Okta's own address and user agent.
            Use("user.account.update_profile", 3, "198.51.100.41", "okta-integrations").ClientId("okta.b58d5b75-07d4-5f25-bf59-368a1261a405"),
            Use("user.authentication.sso", 4, "198.51.100.42", "okta-integrations").ClientId("okta.b58d5b75-07d4-5f25-bf59-368a1261a405"),
            // A replayed cookie that the sign-on policy challenged has not been let in.
            Use("policy.evaluate_sign_on", 5, "203.0.113.66", "python-requests/2.31", "CHALLENGE"),
        });
        var quiet = Run(events, null, "SessionHijack");
        Assert.True(quiet.Count == 0, string.Join(" | ", quiet));

        // The same session let in for a script by the sign-on policy is a replay.
        var allowed = events.Concat(OktaEventBuilder.Parse(new[] { Use("policy.evaluate_sign_on", 6, "203.0.113.66", "python-requests/2.31", "ALLOW") })).ToList();
        var found = Assert.Single(Run(allowed, null, "SessionHijack"));
        Assert.Equal("203.0.113.66", found.ClientIp);
        Assert.Equal(new[] { allowed[0].Uuid, allowed[^1].Uuid }, found.GetEvidence());
    }

    [Fact]
    public void Mfa_reset_severity_follows_who_did_it_and_the_finding_names_the_user_whose_factors_went()
    {
        OktaEventBuilder Reset(int minute, string actor, string actorId) =>
            OktaEventBuilder.At("user.mfa.factor.reset_all", TimeSpan.FromMinutes(minute)).Actor(actor, actorId).Client("192.0.2.20").Outcome("SUCCESS")
                .Target("User", "00udan00000000000000", "dan@example.com", "Dan");
        var events = OktaEventBuilder.Parse(new[]
        {
            Reset(0, "helpdesk@example.com", "00uhelp0000000000000"),
            Reset(10, "dan@example.com", "00udan00000000000000"),        // the user's own reset: only its aftermath counts
            Reset(20, "system@okta.com", "00usupport0000000000"),    // Okta support
        });
        var found = Run(events, null, "MfaFactorReset");
        Assert.Equal(new[] { ThreatSeverity.Medium, ThreatSeverity.High }, found.Select(f => f.Severity));
        Assert.All(found, f =>
        {
            Assert.Equal("00udan00000000000000", f.UserId);
            Assert.Equal("dan@example.com", f.Login);
        });
    }

    [Fact]
    public void Impossible_travel_reports_the_far_sign_in_and_skips_proxies_satellite_networks_and_allow_listed_countries()
    {
        OktaEventBuilder Chicago(int minute) => OktaEventBuilder.At("user.session.start", TimeSpan.FromMinutes(minute)).Actor("eve@example.com", "00ueve00000000000000").Client("192.0.2.30").Asn(7922).Outcome("SUCCESS");
        OktaEventBuilder Seoul(int minute, bool proxy = false, long asn = 4766) => OktaEventBuilder.At("user.session.start", TimeSpan.FromMinutes(minute)).Actor("eve@example.com", "00ueve00000000000000")
            .Client("203.0.113.40", "South Korea", "Seoul", 37.57, 126.98).Asn(asn, proxy).Outcome("SUCCESS");

        var travel = OktaEventBuilder.Parse(new[] { Chicago(0), Chicago(30), Seoul(90) });
        var found = Assert.Single(Run(travel, null, "ImpossibleTravel"));
        Assert.Equal(ThreatSeverity.High, found.Severity);
        Assert.Equal("203.0.113.40", found.ClientIp);
        Assert.Equal("South Korea", found.Country);
        Assert.Equal("00ueve00000000000000", found.UserId);
        Assert.Equal(new[] { travel[1].Uuid, travel[2].Uuid }, found.GetEvidence());

        Assert.Empty(Run(OktaEventBuilder.Parse(new[] { Chicago(0), Seoul(90, proxy: true) }), null, "ImpossibleTravel"));
        // In-flight Wi-Fi (AS22351) on either side: the ground station, not the traveller, moved.
        Assert.Empty(Run(OktaEventBuilder.Parse(new[] { Chicago(0), Seoul(90, asn: 22351) }), null, "ImpossibleTravel"));
        Assert.Empty(Run(OktaEventBuilder.Parse(new[] { Seoul(0, asn: 22351), Chicago(90) }), null, "ImpossibleTravel"));
        Assert.Empty(Run(OktaEventBuilder.Parse(new[] { Chicago(0), Seoul(90) }), "{ \"allowList\": { \"countries\": [\"South Korea\"] } }", "ImpossibleTravel"));
    }

    [Fact]
    public void Admin_grant_by_an_allow_listed_automation_account_is_dropped_unless_it_is_super_administrator()
    {
        OktaEventBuilder Grant(int minute, string privilege) =>
            OktaEventBuilder.At("user.account.privilege.grant", TimeSpan.FromMinutes(minute)).Actor("svc-iga@example.com", "00usvc00000000000000").Client("192.0.2.50").Outcome("SUCCESS")
                .Target("User", "00unew00000000000000", "new.admin@example.com", "New Admin").Debug("privilegeGranted", privilege);
        var events = OktaEventBuilder.Parse(new[] { Grant(0, "Help Desk administrator"), Grant(1, "Super administrator") });
        var trusted = Run(events, "{ \"allowList\": { \"actors\": [\"svc-iga@example.com\"] } }", "AdminPrivilegeGranted");
        var super = Assert.Single(trusted);
        Assert.Equal(ThreatSeverity.Low, super.Severity);
        Assert.Equal("00unew00000000000000", super.UserId);
        var untrusted = Run(events, null, "AdminPrivilegeGranted");
        Assert.Equal(new[] { ThreatSeverity.Medium, ThreatSeverity.High }, untrusted.Select(f => f.Severity));
    }

    [Fact]
    public void Admin_grant_names_the_user_who_received_the_role_and_no_user_when_a_group_did()
    {
        // Findings bind by UserId to Revoke-OktaUserSession and Suspend-OktaUser: a group grant's
        // finding carried the granting admin's id, so a piped response action hit the admin.
        var events = OktaEventBuilder.Parse(new[]
        {
            OktaEventBuilder.At("user.account.privilege.grant", TimeSpan.FromMinutes(0)).Actor("admin@example.com", "00uadmin000000000000").Client("192.0.2.60").Outcome("SUCCESS")
                .Target("User", "00unew00000000000000", "new.admin@example.com", "New Admin").Debug("privilegeGranted", "Help Desk administrator"),
            OktaEventBuilder.At("group.privilege.grant", TimeSpan.FromMinutes(1)).Actor("admin@example.com", "00uadmin000000000000").Client("192.0.2.60").Outcome("SUCCESS")
                .Target("UserGroup", "00ghelpdesk", null, "Help Desk").Debug("privilegeGranted", "Help Desk administrator"),
        });
        var found = Run(events, null, "AdminPrivilegeGranted");
        Assert.Equal(2, found.Count);
        Assert.Equal("00unew00000000000000", found[0].UserId);
        Assert.Equal("new.admin@example.com", found[0].Login);
        Assert.Null(found[1].UserId);
        Assert.Null(found[1].Login);
        Assert.Contains("admin@example.com granted Help Desk administrator to Help Desk", found[1].Summary);
    }

    [Fact]
    public void A_finding_about_a_login_Okta_could_not_resolve_has_no_UserId_and_keeps_the_login()
    {
        // Okta writes actor.id "unknown" for a sign-in with a login it does not know. Piped into
        // Revoke-OktaUserSession, that UserId would be looked up as a login short name and could
        // name a real user whose short name is "unknown".
        var failures = OktaEventBuilder.Parse(Enumerable.Range(0, 10).Select(i =>
            OktaEventBuilder.At("user.session.start", TimeSpan.FromMinutes(i)).Actor("ghost@example.com", "unknown")
                .Client("198.51.100." + (10 + i % 5)).Outcome("FAILURE", "INVALID_CREDENTIALS")));
        var found = Assert.Single(Run(failures, null, "BruteForce"));
        Assert.Null(found.UserId);
        Assert.Equal("ghost@example.com", found.Login);
    }
}
