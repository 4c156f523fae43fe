using System.Globalization;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 9, API token created: <c>system.api_token.create</c> with outcome SUCCESS. An API token
/// acts with its creator's admin rights and outlives a password reset, which makes it a favoured
/// persistence. Medium; Informational when an allow-listed actor created it.
/// Source: Elastic, Panther, Sigma and Splunk all alert on the single event.
/// State: none (one event).
/// Known false positives: expected automation and integrations set up by admins.
/// </summary>
public sealed class ApiTokenCreatedRule : IThreatRule
{
    public ApiTokenCreatedRule(DetectionSettings settings)
    {
    }

    public string Name => "ApiTokenCreated";

    public string Description => "An Okta API token created";

    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        if (e.EventType != "system.api_token.create" || (e.Outcome != null && e.Outcome != "SUCCESS")) return;
        var trusted = context.AllowList.IsTrustedActor(e);
        var d = SingleEvent.Draft(Name, e);
        d.Title = "API token created";
        d.Severity = trusted ? ThreatSeverity.Informational : ThreatSeverity.Medium;
        d.Confidence = trusted ? 0.2 : 0.5;
        d.Summary = string.Format(CultureInfo.InvariantCulture, "{0} created the API token '{1}' from {2}{3}.",
            SingleEvent.Who(e), e.TargetDisplayName ?? e.TargetId ?? "unnamed", e.ClientIp, DetectionEvents.Place(e.Country, e.AsNumber));
        d.MitreTechnique = "T1098.001";
        d.Recommendation = "Confirm the token's purpose with its creator; if unknown, revoke it in Security > API > Tokens and review the creator's sessions.";
        context.Report(d);
    }

    public void Complete(DetectionContext context)
    {
    }
}
