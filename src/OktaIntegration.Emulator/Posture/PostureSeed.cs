using System;
using System.Collections.Generic;
using System.Linq;
using OktaIntegration.Emulator.Data;

namespace OktaIntegration.Emulator.Posture;

/// <summary>
/// Seeds the posture data on top of the seeded users, deterministically, so every posture check
/// has cases that fire, cases that do not, and edge cases. The scenario (user numbers are
/// positions in the seeded user list; it needs at least 20 users):
/// <list type="bullet">
/// <item>0 SUPER_ADMIN, WebAuthn + push: clean. Owns the ANYWHERE token "Legacy sync".</item>
/// <item>1 SUPER_ADMIN, SMS only: no phishing-resistant factor (critical) and weak factors only.</item>
/// <item>2 ORG_ADMIN, push + TOTP: no phishing-resistant factor, not weak-only. Owns the clean token "SIEM export".</item>
/// <item>3 SUPER_ADMIN, Okta FastPass: clean. Owns "Backup job", unused for 100 days (window 180 days).</item>
/// <item>4 HELP_DESK_ADMIN, SMS + email: no phishing-resistant factor, weak only.</item>
/// <item>5 and 7 SUPER_ADMIN through the group "Platform Owners": 5 has WebAuthn, 7 only a security question.
/// With 0, 1 and 3 that makes five super admins (more than the default four).</item>
/// <item>6 (SUSPENDED) REPORT_ADMIN without factors: cannot sign in, so not an MFA finding. Owns "Old script" (inactive owner).</item>
/// <item>8 (DEPROVISIONED) owns "Departed contractor" (inactive owner).</item>
/// <item>9 CUSTOM role on a resource set, WebAuthn still PENDING_ACTIVATION + SMS: pending factors do not count.</item>
/// <item>11 last signed in 120 days ago (dormant); 13 89 days ago (not yet); 15 never signed in, activated 200 days ago
/// (dormant); 17 never signed in, activated 10 days ago (not yet); 11 has no factor at all.</item>
/// <item>19 APP_ADMIN with no factor: no MFA at all. Owns "Zone excludes only" (network ZONE with no include zone: any IP).</item>
/// <item>Group "Helpdesk Tier 1" (member 4) holds USER_ADMIN and is filled by an ACTIVE rule on user.department (anyone can join by
/// editing a profile attribute); "Platform Owners" is fed only by an INACTIVE rule; an ACTIVE rule feeds "Engineering",
/// which holds no role.</item>
/// <item>ThreatInsight: audit, no excluded zones.</item>
/// </list>
/// Every other user gets a factor mix by position: push + TOTP, SMS, none, WebAuthn, email + question.
/// </summary>
public static class PostureSeed
{
    public const string SuperAdminGroupName = "Platform Owners";
    public const string RuleFedAdminGroupName = "Helpdesk Tier 1";

    public static void Populate(OrgState org)
    {
        var posture = org.Posture;
        var users = org.Users;
        var now = DateTimeOffset.UtcNow;
        lock (org.Gate)
        {
            for (var i = 0; i < users.Count; i++)
            {
                if (users.Count >= 20 && i < 20) continue;
                GenericFactors(posture, users[i].Id, i);
            }
            if (users.Count < 20) return;

            EmulatedUser U(int i) => users[i];
            void Factors(int i, params string[] types)
            {
                foreach (var type in types)
                {
                    var pending = type.EndsWith("!pending", StringComparison.Ordinal);
                    var factorType = pending ? type.Substring(0, type.Length - "!pending".Length) : type;
                    posture.AddFactor(U(i).Id, factorType, ProviderOf(factorType), pending ? "PENDING_ACTIVATION" : "ACTIVE");
                }
            }

            posture.AssignRole("USER", U(0).Id, "SUPER_ADMIN");
            Factors(0, "webauthn", "push");
            posture.AssignRole("USER", U(1).Id, "SUPER_ADMIN");
            Factors(1, "sms");
            posture.AssignRole("USER", U(2).Id, "ORG_ADMIN");
            Factors(2, "push", "token:software:totp");
            posture.AssignRole("USER", U(3).Id, "SUPER_ADMIN");
            Factors(3, "signed_nonce");
            posture.AssignRole("USER", U(4).Id, "HELP_DESK_ADMIN");
            Factors(4, "sms", "email");
            Factors(5, "webauthn");
            Factors(7, "question");
            posture.AssignRole("USER", U(6).Id, "REPORT_ADMIN");
            posture.AssignRole("USER", U(9).Id, "CUSTOM", "cr0PostureAuditRole01", "iamPostureResourceSet1", "Access auditor");
            Factors(9, "webauthn!pending", "sms");
            Factors(10, "push");
            Factors(12, "sms");
            Factors(13, "push", "token:software:totp");
            Factors(14, "email");
            Factors(15, "sms");
            Factors(17, "push");
            Factors(18, "sms");
            posture.AssignRole("USER", U(19).Id, "APP_ADMIN");

            var created = now.Date.AddDays(-300);
            var superAdmins = org.AddPostureGroup(SuperAdminGroupName, "Super administrators, by group", created);
            org.AddMember(superAdmins, U(5));
            org.AddMember(superAdmins, U(7));
            posture.AssignRole("GROUP", superAdmins.Id, "SUPER_ADMIN");
            superAdmins.HasAdminPrivilege = true;

            var helpdesk = org.AddPostureGroup(RuleFedAdminGroupName, "Filled by a rule on department", created);
            org.AddMember(helpdesk, U(4));
            posture.AssignRole("GROUP", helpdesk.Id, "USER_ADMIN");
            helpdesk.HasAdminPrivilege = true;
            posture.AddGroupRule("IT staff are helpdesk", "ACTIVE", "user.department==\"IT\"", helpdesk.Id);

            posture.AddGroupRule("Security department (paused)", "INACTIVE", "user.department==\"Security\"", superAdmins.Id);
            if (org.FindGroupByName("Engineering") is { } engineering)
                posture.AddGroupRule("Engineers", "ACTIVE", "user.department==\"Engineering\"", engineering.Id);

            U(11).LastLogin = now.AddDays(-120);
            U(13).LastLogin = now.AddDays(-89);
            U(15).LastLogin = null;
            U(15).ActivatedAt = now.AddDays(-200);
            U(17).LastLogin = null;
            U(17).ActivatedAt = now.AddDays(-10);

            EmulatedApiToken Token(string name, int owner, int windowDays, int lastUsedDaysAgo, string connection, string[]? include = null, string[]? exclude = null) =>
                posture.AddApiToken(new EmulatedApiToken(posture.Ids.Next("00T"), name, U(owner).Id, TimeSpan.FromDays(windowDays), now.AddDays(-250), now.AddDays(-lastUsedDaysAgo))
                {
                    Connection = connection,
                    IncludeZoneNames = include ?? Array.Empty<string>(),
                    ExcludeZoneNames = exclude ?? Array.Empty<string>(),
                });
            Token("SIEM export", 2, 30, 1, "ZONE", include: new[] { "LegacyIpZone" });
            Token("Legacy sync", 0, 30, 2, "ANYWHERE");
            Token("Backup job", 3, 180, 100, "ZONE", include: new[] { "LegacyIpZone" });
            Token("Old script", 6, 30, 5, "ZONE", include: new[] { "LegacyIpZone" });
            Token("Departed contractor", 8, 30, 3, "ZONE", include: new[] { "LegacyIpZone" });
            Token("Zone excludes only", 19, 30, 1, "ZONE", exclude: new[] { "BlockedIpZone" });
        }
    }

    /// <summary>A factor mix for a user outside the scenario, by position (so a 20,000-user org has realistic variety).</summary>
    private static void GenericFactors(PostureState posture, string userId, int index)
    {
        switch (index % 5)
        {
            case 0:
                posture.AddFactor(userId, "push", "OKTA");
                posture.AddFactor(userId, "token:software:totp", "GOOGLE");
                break;
            case 1:
                posture.AddFactor(userId, "sms", "OKTA");
                break;
            case 3:
                posture.AddFactor(userId, "webauthn", "FIDO");
                break;
            case 4:
                posture.AddFactor(userId, "email", "OKTA");
                posture.AddFactor(userId, "question", "OKTA");
                break;
        }
    }

    private static string ProviderOf(string factorType) => factorType switch
    {
        "webauthn" or "u2f" => "FIDO",
        "token:hardware" => "YUBICO",
        _ => "OKTA",
    };
}
