using System;
using System.Collections.Generic;
using System.Globalization;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 14, security configuration tampering: sign-on policies and their rules updated,
/// deactivated or deleted (<c>policy.lifecycle.*</c>, <c>policy.rule.*</c>,
/// <c>application.policy.sign_on.*</c>), network zones (<c>zone.update/deactivate/delete</c>,
/// <c>zone.remove_blacklist</c>, <c>network_zone.rule.disabled</c>), identity providers
/// (<c>system.idp.lifecycle.*</c>), and ThreatInsight settings (<c>security.threat.configuration.*</c>;
/// the event type is not confirmed by Okta's public docs). High for a blocklist removal,
/// any deactivation or deletion, a new identity provider and a ThreatInsight change; Medium for
/// other updates. Informational when an allow-listed actor made it.
/// Source: Elastic and Sigma (policy, rule and zone changes as single events); Panther (new IdP).
/// State: none (one event).
/// Known false positives: planned change windows; allow-list the change-management account.
/// </summary>
public sealed class SecurityConfigTamperingRule : IThreatRule
{
    private static readonly HashSet<string> Watched = new(StringComparer.Ordinal)
    {
        "policy.lifecycle.update", "policy.lifecycle.deactivate", "policy.lifecycle.delete",
        "policy.rule.update", "policy.rule.deactivate", "policy.rule.delete",
        "application.policy.sign_on.update", "application.policy.sign_on.rule.delete",
        "zone.update", "zone.deactivate", "zone.delete", "zone.remove_blacklist", "network_zone.rule.disabled",
    };

    public SecurityConfigTamperingRule(DetectionSettings settings)
    {
    }

    public string Name => "SecurityConfigTampering";

    public string Description => "Sign-on policy, network zone, identity provider or ThreatInsight settings changed";

    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        var type = e.EventType;
        if (type == null) return;
        var idp = type.StartsWith("system.idp.lifecycle.", StringComparison.Ordinal);
        var threatInsight = type.StartsWith("security.threat.configuration.", StringComparison.Ordinal);
        if (!idp && !threatInsight && !Watched.Contains(type)) return;
        if (e.Outcome != null && e.Outcome != "SUCCESS") return;
        var high = type == "zone.remove_blacklist" || type.EndsWith(".deactivate", StringComparison.Ordinal) || type.EndsWith(".delete", StringComparison.Ordinal)
            || type == "network_zone.rule.disabled" || threatInsight || type == "system.idp.lifecycle.create";
        var trusted = context.AllowList.IsTrustedActor(e);
        var d = SingleEvent.Draft(Name, e);
        d.Title = type == "zone.remove_blacklist" ? "Network zone blocklist removed"
            : idp ? "Identity provider changed"
            : threatInsight ? "ThreatInsight settings changed"
            : type.StartsWith("zone", StringComparison.Ordinal) || type.StartsWith("network_zone", StringComparison.Ordinal) ? "Network zone changed"
            : "Sign-on policy changed";
        d.Severity = trusted ? ThreatSeverity.Informational : high ? ThreatSeverity.High : ThreatSeverity.Medium;
        d.Confidence = trusted ? 0.2 : 0.5;
        d.Summary = string.Format(CultureInfo.InvariantCulture, "{0} made the change {1} on '{2}' from {3}{4}{5}.",
            SingleEvent.Who(e), type, e.TargetDisplayName ?? e.TargetId ?? "(unnamed)", e.ClientIp, DetectionEvents.Place(e.Country, e.AsNumber),
            trusted ? " (an allow-listed actor)" : string.Empty);
        d.MitreTechnique = idp ? "T1484.002" : type.StartsWith("policy", StringComparison.Ordinal) || type.StartsWith("application.policy", StringComparison.Ordinal) ? "T1556" : "T1562.007";
        d.Recommendation = "Check the change against the change calendar; if unplanned, revert it and review the admin's session and recent actions.";
        context.Report(d);
    }

    public void Complete(DetectionContext context)
    {
    }
}
