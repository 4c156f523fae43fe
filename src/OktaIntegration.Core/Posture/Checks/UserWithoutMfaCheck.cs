using System;
using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.Core.Posture.Checks;

/// <summary>
/// Check 5: users who can sign in and have no ACTIVE factor. By default factors are read for
/// admins only, so this covers admins; with -AllUsers it covers every ACTIVE user. High for
/// admins, Medium for others.
/// </summary>
public sealed class UserWithoutMfaCheck : IPostureCheck
{
    public string Name => "UserWithoutMfa";

    public PostureData Needs => PostureData.Admins | PostureData.AdminFactors;

    public string RateLimitCost => "Admins: shares the admin factor reads. With -AllUsers: one GET /api/v1/users/{id}/factors per ACTIVE user (the audit's dominant cost) plus ⌈active users/200⌉ list calls.";

    public IEnumerable<OktaPostureFinding> Evaluate(PostureSnapshot snapshot)
    {
        var admins = snapshot.AdminPeople.ToDictionary(a => a.UserId, StringComparer.Ordinal);
        var people = new List<(string Id, string Name, string? Status)>();
        foreach (var admin in snapshot.AdminPeople) people.Add((admin.UserId, admin.Name, admin.Status));
        if (snapshot.ActiveUsers != null)
        {
            foreach (var user in snapshot.ActiveUsers)
            {
                if (!admins.ContainsKey(user.Id)) people.Add((user.Id, user.Login ?? user.Id, user.Status));
            }
        }
        foreach (var (id, name, status) in people)
        {
            if (!PostureSnapshot.CanSignIn(status) || !snapshot.Factors.TryGetValue(id, out var factors)) continue;
            if (factors.Any(f => f.IsActive)) continue;
            var isAdmin = admins.TryGetValue(id, out var admin);
            var pending = factors.Count;
            yield return new OktaPostureFinding(Name, isAdmin ? PostureSeverity.High : PostureSeverity.Medium, "User", name, id,
                (isAdmin ? $"Admin roles: {admin!.RoleSummary}. " : string.Empty) + $"No active MFA factor ({pending} enrolled but not active).",
                "Require MFA enrollment in the authenticator enrollment policy and have the user enroll Okta Verify or a FIDO2/WebAuthn authenticator.",
                PostureReferences.Authenticators, id);
        }
    }
}
