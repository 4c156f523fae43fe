using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.Core.Posture.Checks;

/// <summary>
/// Check 2: an admin whose only ACTIVE factors are weak (SMS, voice, email, security question).
/// An admin with no factor at all is check 5's finding, not this one.
/// </summary>
public sealed class AdminWeakFactorsOnlyCheck : IPostureCheck
{
    public string Name => "AdminWeakFactorsOnly";

    public PostureData Needs => PostureData.Admins | PostureData.AdminFactors;

    public string RateLimitCost => "Shares the admin factor reads of AdminWithoutPhishingResistantFactor (no extra calls).";

    public IEnumerable<OktaPostureFinding> Evaluate(PostureSnapshot snapshot)
    {
        foreach (var admin in snapshot.AdminPeople)
        {
            if (!PostureSnapshot.CanSignIn(admin.Status) || !snapshot.Factors.TryGetValue(admin.UserId, out var factors)) continue;
            var active = factors.Where(f => f.IsActive).ToList();
            if (active.Count == 0 || active.Any(f => f.Strength != FactorStrength.Weak)) continue;
            yield return new OktaPostureFinding(Name, admin.IsSuperAdmin ? PostureSeverity.Critical : PostureSeverity.High, "User", admin.Name, admin.UserId,
                $"Admin roles: {admin.RoleSummary}. All {active.Count} active factor(s) are weak: {AdminWithoutPhishingResistantFactorCheck.FactorList(active)}.",
                "Replace SMS, voice, email and security-question factors with Okta Verify or a FIDO2/WebAuthn authenticator, then remove the weak ones from the admin's enrollment.",
                PostureReferences.Authenticators, admin.UserId);
        }
    }
}
