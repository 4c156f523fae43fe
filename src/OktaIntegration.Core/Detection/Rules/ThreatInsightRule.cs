using System;
using System.Globalization;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 12, ThreatInsight: <c>security.threat.detected</c>, or any event Okta marked
/// <c>debugData.threatSuspected=true</c>. The severity is the highest level named in Okta's
/// <c>debugData.threatDetections</c> (HIGH, MEDIUM, LOW; Medium when absent), and Informational
/// when Okta already denied the request (<c>outcome.result=DENY</c>). One finding per address and
/// severity; repeats within <c>suppressMinutes</c> (60) are absorbed.
/// Source: Panther (severity from the highest level in threatDetections, informational when
/// denied); Elastic's promotion rule also takes threat_suspected; Chronicle splits on outcome.reason.
/// State: emitted fingerprints only (1).
/// Known false positives: ThreatInsight in audit mode is noisy; exclude trusted zones from it in Okta.
/// </summary>
public sealed class ThreatInsightRule : IThreatRule
{
    private readonly TimeSpan _suppress;

    public ThreatInsightRule(DetectionSettings settings)
    {
        _suppress = settings.Minutes(Name, "suppressMinutes");
    }

    public string Name => "ThreatInsight";

    public string Description => "A request Okta ThreatInsight judged malicious";

    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        if (e.EventType != "security.threat.detected" && e.ThreatSuspected != true) return;
        if (context.AllowList.IsTrustedIp(e.ClientIp)) return;
        var detections = SingleEvent.Debug(e, "threatDetections");
        var severity = SingleEvent.Contains(detections, "HIGH") ? ThreatSeverity.High
            : SingleEvent.Contains(detections, "MEDIUM") ? ThreatSeverity.Medium
            : SingleEvent.Contains(detections, "LOW") ? ThreatSeverity.Low
            : ThreatSeverity.Medium;
        var denied = e.Outcome == "DENY";
        if (denied) severity = ThreatSeverity.Informational;
        var d = SingleEvent.Draft(Name, e);
        d.Fingerprint = $"{Name}|{e.ClientIp}|{severity}";
        d.Suppress = _suppress;
        d.Title = "ThreatInsight detection";
        d.Severity = severity;
        d.Confidence = 0.7;
        if (e.EventType == "security.threat.detected")
        {
            // The actor of a threat event is the attacker's attempt, not a user to act on.
            d.UserId = null;
            d.Login = e.ActorAlternateId is { } login && login != "unknown" ? login : null;
        }
        d.Summary = string.Format(CultureInfo.InvariantCulture, "Okta ThreatInsight flagged {0}{1}: {2}{3}.",
            e.ClientIp ?? "a request", DetectionEvents.Place(e.Country, e.AsNumber), detections ?? e.OutcomeReason ?? e.EventType,
            denied ? " (already denied by Okta)" : string.Empty);
        d.MitreTechnique = "T1110";
        d.Recommendation = denied
            ? "Nothing to do now; Okta blocked it. Consider ThreatInsight block mode if it is in audit mode."
            : "Block the address (Block-OktaIpAddress) and check the users it targeted.";
        context.Report(d);
    }

    public void Complete(DetectionContext context)
    {
    }
}
