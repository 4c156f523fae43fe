using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.Core.Posture.Checks;

/// <summary>
/// Check 8 (a warning): a group that holds an admin role and is filled by an ACTIVE group rule
/// on profile attributes. Whoever can set that attribute (the user, an HR feed, a help desk
/// admin) can make someone an admin.
/// </summary>
public sealed class AdminGroupOpenMembershipCheck : IPostureCheck
{
    public string Name => "AdminGroupOpenMembership";

    public PostureData Needs => PostureData.Admins | PostureData.GroupRules;

    public string RateLimitCost => "The admin reads plus ⌈rules/200⌉ calls to GET /api/v1/groups/rules.";

    public IEnumerable<OktaPostureFinding> Evaluate(PostureSnapshot snapshot)
    {
        if (snapshot.Admins == null || snapshot.GroupRules == null) yield break;
        foreach (var group in snapshot.Admins.GroupRoles.GroupBy(r => r.GroupId))
        {
            var rules = snapshot.GroupRules.Where(r => r.IsActive && r.MatchesOnProfile && r.GroupIds.Contains(group.Key!)).ToList();
            if (rules.Count == 0) continue;
            var first = group.First();
            yield return new OktaPostureFinding(Name, PostureSeverity.Warning, "Group", first.GroupName ?? group.Key!, group.Key,
                $"The group holds {string.Join(", ", group.Select(r => r.RoleType).Distinct())} and {rules.Count} active rule(s) add members by profile attribute: " +
                string.Join("; ", rules.Select(r => $"'{r.Name}' ({r.Expression})")) + ".",
                "Assign admin roles to groups whose membership is managed by hand or by a governed workflow, not by a rule on attributes users or feeds can change.",
                PostureReferences.GroupRules);
        }
    }
}
