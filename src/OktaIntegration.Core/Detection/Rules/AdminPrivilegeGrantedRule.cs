using System.Globalization;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 8, admin privilege granted: <c>user.account.privilege.grant</c>, <c>group.privilege.grant</c>
/// and resource-set bindings (<c>iam.resourceset.bindings.add</c>). Super administrator
/// (<c>debugData.privilegeGranted</c>) is High, any other admin role Medium. An allow-listed actor
/// (automation account) lowers it: a super administrator grant drops to Low, any other grant is not reported.
/// Source: Panther (High for "Super administrator", otherwise informational, one alert per
/// request); Elastic filters on privilegeGranted containing "administrator"; Sigma has the same events.
/// State: none (one event).
/// Known false positives: onboarding of admins and help-desk staff; allow-list the provisioning account.
/// </summary>
public sealed class AdminPrivilegeGrantedRule : IThreatRule
{
    public AdminPrivilegeGrantedRule(DetectionSettings settings)
    {
    }

    public string Name => "AdminPrivilegeGranted";

    public string Description => "An admin role granted to a user or group";

    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        if (e.EventType != "user.account.privilege.grant" && e.EventType != "group.privilege.grant" && e.EventType != "iam.resourceset.bindings.add") return;
        if (e.Outcome != null && e.Outcome != "SUCCESS") return;
        var privilege = SingleEvent.Debug(e, "privilegeGranted") ?? "an admin role";
        var super = SingleEvent.Contains(privilege, "Super admin") || SingleEvent.Contains(privilege, "SUPER_ADMIN");
        var severity = super ? ThreatSeverity.High : ThreatSeverity.Medium;
        var trusted = context.AllowList.IsTrustedActor(e);
        if (trusted)
        {
            if (!super) return;
            severity = ThreatSeverity.Low;
        }
        var d = SingleEvent.Draft(Name, e);
        var grantee = e.TargetType == "User" ? e.TargetAlternateId : e.TargetDisplayName;
        // UserId is the user who received the role: findings bind by UserId to Revoke-OktaUserSession
        // and Suspend-OktaUser. A grant to a group has no such user, and the draft's UserId (the
        // granting admin) would send a piped response action to the admin instead: none then.
        d.UserId = e.TargetType == "User" ? e.TargetId : null;
        d.Login = e.TargetType == "User" ? e.TargetAlternateId : null;
        d.Title = super ? "Super administrator granted" : "Admin role granted";
        d.Severity = severity;
        d.Confidence = trusted ? 0.2 : 0.5;
        d.Summary = string.Format(CultureInfo.InvariantCulture, "{0} granted {1} to {2} from {3}{4}{5}.",
            SingleEvent.Who(e), privilege, grantee ?? "an unnamed target", e.ClientIp, DetectionEvents.Place(e.Country, e.AsNumber), trusted ? " (an allow-listed actor)" : string.Empty);
        d.MitreTechnique = "T1098.003";
        d.Recommendation = "Confirm the grant with its approver; if unexpected, revoke the role and review what the grantee and the granting admin did since.";
        context.Report(d);
    }

    public void Complete(DetectionContext context)
    {
    }
}
