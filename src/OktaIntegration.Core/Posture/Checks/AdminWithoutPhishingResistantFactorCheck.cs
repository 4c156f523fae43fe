using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.Core.Posture.Checks;

/// <summary>
/// Check 1: an admin (any role) who can sign in and has no ACTIVE phishing-resistant factor
/// (FIDO2/WebAuthn, U2F, Okta FastPass). Critical for super admins, High otherwise. Pending
/// factors do not count; admins whose account cannot sign in (SUSPENDED, DEPROVISIONED) are skipped.
/// </summary>
public sealed class AdminWithoutPhishingResistantFactorCheck : IPostureCheck
{
    public string Name => "AdminWithoutPhishingResistantFactor";

    public PostureData Needs => PostureData.Admins | PostureData.AdminFactors;

    public string RateLimitCost => "The admin reads, plus one GET /api/v1/users/{id}/factors per admin who can sign in.";

    public IEnumerable<OktaPostureFinding> Evaluate(PostureSnapshot snapshot)
    {
        foreach (var admin in snapshot.AdminPeople)
        {
            if (!PostureSnapshot.CanSignIn(admin.Status) || !snapshot.Factors.TryGetValue(admin.UserId, out var factors)) continue;
            var active = factors.Where(f => f.IsActive).ToList();
            if (active.Any(f => f.IsPhishingResistant)) continue;
            var pending = factors.Where(f => !f.IsActive && f.IsPhishingResistant).Select(f => f.FactorType).ToList();
            yield return new OktaPostureFinding(Name, admin.IsSuperAdmin ? PostureSeverity.Critical : PostureSeverity.High, "User", admin.Name, admin.UserId,
                $"Admin roles: {admin.RoleSummary}. {active.Count} active factor(s) ({FactorList(active)}), 0 phishing-resistant" +
                (pending.Count > 0 ? $"; {pending.Count} phishing-resistant factor(s) not activated ({string.Join(", ", pending)})." : "."),
                "Enroll a FIDO2/WebAuthn security key or Okta FastPass for this admin and require a phishing-resistant authenticator in the Okta Admin Console's authentication policy.",
                PostureReferences.PhishingResistant, admin.UserId);
        }
    }

    internal static string FactorList(IReadOnlyCollection<OktaUserFactor> factors) =>
        factors.Count == 0 ? "none" : string.Join(", ", factors.Select(f => f.FactorType));
}
