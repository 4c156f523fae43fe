using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Posture.Checks;

/// <summary>
/// Check 4: ACTIVE users with no sign-in for N days (default 90), and ACTIVE users who never
/// signed in although they were activated more than N days ago. Findings carry UserId, so they
/// pipe into Suspend-OktaUser.
/// </summary>
public sealed class DormantUserCheck : IPostureCheck
{
    public string Name => "DormantUser";

    public PostureData Needs => PostureData.ActiveUsers;

    public string RateLimitCost => "⌈active users/200⌉ calls to GET /api/v1/users (search status eq \"ACTIVE\").";

    public IEnumerable<OktaPostureFinding> Evaluate(PostureSnapshot snapshot)
    {
        if (snapshot.ActiveUsers == null) yield break;
        var days = snapshot.Options.DormantDays;
        var cutoff = snapshot.Now.AddDays(-days);
        foreach (var user in snapshot.ActiveUsers)
        {
            if (!string.Equals(user.Status, "ACTIVE", StringComparison.Ordinal)) continue;
            string detail;
            if (user.LastLogin is { } last)
            {
                if (last >= cutoff) continue;
                detail = $"No sign-in for {(int)(snapshot.Now - last).TotalDays} days (last {last.UtcDateTime:yyyy-MM-dd}; threshold {days}).";
            }
            else
            {
                var since = user.Activated ?? user.Created;
                if (since == null || since >= cutoff) continue;
                detail = $"Never signed in; activated {(int)(snapshot.Now - since.Value).TotalDays} days ago ({since.Value.UtcDateTime:yyyy-MM-dd}; threshold {days}).";
            }
            yield return new OktaPostureFinding(Name, PostureSeverity.Medium, "User", user.Login ?? user.Id, user.Id, detail,
                "Confirm with the user's manager, then suspend (Suspend-OktaUser) or deactivate the account; an unused active account is a takeover target.",
                PostureReferences.UserLifecycle, user.Id);
        }
    }
}
