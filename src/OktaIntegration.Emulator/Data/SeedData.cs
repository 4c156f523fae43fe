using System;
using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.Emulator.Data;

/// <summary>
/// Fills a new org deterministically from the seed: users in every Okta status, the BUILT_IN
/// Everyone group, OKTA_GROUPs for role mapping (TL-Admins, TL-Helpdesk, …) and APP_GROUPs
/// imported from Active Directory with their extra profile attributes.
/// </summary>
public static class SeedData
{
    public const string AdAppId = "0oa1adappinstance01";
    private static readonly string[] FirstNames = { "Ada", "Grace", "Alan", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Radia", "Tim", "Frances", "Edsger", "Katherine", "Donald", "Hedy", "John" };
    private static readonly string[] LastNames = { "Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Perlman", "Berners-Lee", "Allen", "Dijkstra", "Johnson", "Knuth", "Lamarr", "McCarthy" };
    private static readonly string[] Departments = { "Engineering", "Security", "Finance", "Sales", "IT", "HR" };

    /// <summary>Statuses in proportion to a real org: mostly ACTIVE, a few of every other.</summary>
    private static readonly string[] StatusCycle =
    {
        "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "SUSPENDED", "ACTIVE", "DEPROVISIONED", "ACTIVE",
        "LOCKED_OUT", "ACTIVE", "PASSWORD_EXPIRED", "ACTIVE", "RECOVERY", "ACTIVE", "STAGED", "ACTIVE", "PROVISIONED", "ACTIVE",
    };

    public static void Populate(OrgState org, int userCount, int seed)
    {
        var random = new Random(seed);
        var epoch = DateTimeOffset.UtcNow.Date.AddDays(-400);
        var users = new List<EmulatedUser>();
        for (var i = 0; i < userCount; i++)
        {
            var first = FirstNames[i % FirstNames.Length];
            var last = LastNames[(i / FirstNames.Length + i) % LastNames.Length];
            var login = $"{first.ToLowerInvariant()}.{last.ToLowerInvariant().Replace("-", string.Empty)}{(i >= FirstNames.Length ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)}@example.com";
            var user = org.AddUser(login, first, last, StatusCycle[i % StatusCycle.Length], epoch.AddHours(random.Next(0, 24 * 300)));
            user.Department = Departments[i % Departments.Length];
            user.Title = i % 7 == 0 ? "Administrator" : "Staff";
            if (user.Status is "ACTIVE" or "PASSWORD_EXPIRED" or "LOCKED_OUT" or "RECOVERY")
            {
                user.LastLogin = DateTimeOffset.UtcNow.AddMinutes(-random.Next(5, 60 * 24 * 30));
                user.ActiveSessions = 1 + random.Next(3);
                user.OAuthTokens = random.Next(3);
                user.RememberedDevices = random.Next(2);
            }
            users.Add(user);
        }

        var everyone = org.AddGroup("BUILT_IN", "Everyone", "All users in your organization", epoch);
        foreach (var user in users) org.AddMember(everyone, user);

        AddOktaGroup(org, "TL-Admins", "Downstream administrators", users.Where((_, i) => i % 7 == 0), epoch);
        AddOktaGroup(org, "TL-Helpdesk", "Helpdesk staff", users.Where((_, i) => i % 5 == 1 || i % 7 == 0 && i % 2 == 0), epoch);
        AddOktaGroup(org, "TL-ReadOnly", "Read-only auditors", users.Where((_, i) => i % 4 == 2), epoch);
        AddOktaGroup(org, "Engineering", "Engineering department", users.Where(u => u.Department == "Engineering"), epoch);
        AddOktaGroup(org, "Security Operations", "SOC analysts", users.Where(u => u.Department == "Security"), epoch);
        AddOktaGroup(org, "Empty Group", "No members yet", Enumerable.Empty<EmulatedUser>(), epoch);

        foreach (var (name, members) in new[]
                 {
                     ("Domain Admins", users.Where((_, i) => i % 11 == 0)),
                     ("VPN Users", users.Where((_, i) => i % 3 == 0)),
                 })
        {
            var group = org.AddGroup("APP_GROUP", name, $"Imported from corp.example.com: {name}", epoch);
            group.SourceAppId = AdAppId;
            var sam = name.Replace(" ", string.Empty);
            group.ExtraProfile["samAccountName"] = sam;
            group.ExtraProfile["dn"] = $"CN={name},OU=Groups,DC=corp,DC=example,DC=com";
            group.ExtraProfile["windowsDomainQualifiedName"] = $"CORP\\{sam}";
            group.ExtraProfile["groupType"] = "Security";
            group.ExtraProfile["groupScope"] = "Global";
            var externalId = new byte[16];
            random.NextBytes(externalId);
            group.ExtraProfile["externalId"] = Convert.ToBase64String(externalId);
            foreach (var user in members) org.AddMember(group, user);
        }
    }

    private static void AddOktaGroup(OrgState org, string name, string description, IEnumerable<EmulatedUser> members, DateTimeOffset created)
    {
        var group = org.AddGroup("OKTA_GROUP", name, description, created);
        foreach (var user in members) org.AddMember(group, user);
    }
}
