using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.Core.Posture.Checks;

/// <summary>Check 3: more super admins who can sign in than the configured maximum (default 4), counting those who hold the role through a group.</summary>
public sealed class TooManySuperAdminsCheck : IPostureCheck
{
    public string Name => "TooManySuperAdmins";

    public PostureData Needs => PostureData.Admins;

    public string RateLimitCost => "The admin reads only: ⌈admins/200⌉ assignee pages, 2 calls per directly assigned admin, ⌈groups/200⌉ group pages, 1 role read and ⌈members/200⌉ member pages per admin group.";

    public IEnumerable<OktaPostureFinding> Evaluate(PostureSnapshot snapshot)
    {
        var supers = snapshot.AdminPeople.Where(a => a.IsSuperAdmin && PostureSnapshot.CanSignIn(a.Status)).ToList();
        if (supers.Count <= snapshot.Options.MaxSuperAdmins) yield break;
        var names = supers.Select(a =>
        {
            var group = a.Roles.FirstOrDefault(r => r.IsSuperAdmin && r.ViaGroup);
            return a.Roles.Any(r => r.IsSuperAdmin && !r.ViaGroup) ? a.Name : $"{a.Name} (via {group?.GroupName})";
        });
        yield return new OktaPostureFinding(Name, PostureSeverity.Medium, "Setting", "Super administrators", null,
            $"{supers.Count} super admins can sign in (the maximum is {snapshot.Options.MaxSuperAdmins}): {string.Join(", ", names)}.",
            "Keep super admin to a few break-glass and platform owners; give everyone else the narrowest standard or custom role for their job.",
            PostureReferences.AdminRoles);
    }
}
