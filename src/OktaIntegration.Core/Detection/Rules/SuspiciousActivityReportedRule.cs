using System.Globalization;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 13, a user reported suspicious activity: <c>user.account.report_suspicious_activity_by_enduser</c>
/// (the "this wasn't me" link in Okta's new-sign-in or factor-change emails). High; the title
/// names what was reported (<c>debugData.suspiciousActivityEventType</c>).
/// Source: Panther (title includes the reported event type), Sigma, Elastic and Splunk (single event, high).
/// State: none (one event).
/// Known false positives: a user who did not recognise their own new device or a colleague's help.
/// </summary>
public sealed class SuspiciousActivityReportedRule : IThreatRule
{
    public SuspiciousActivityReportedRule(DetectionSettings settings)
    {
    }

    public string Name => "SuspiciousActivityReported";

    public string Description => "A user reported activity on their account as not theirs";

    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        if (e.EventType != "user.account.report_suspicious_activity_by_enduser") return;
        var what = SingleEvent.Debug(e, "suspiciousActivityEventType");
        var d = SingleEvent.Draft(Name, e);
        d.Title = what == null ? "User reported suspicious activity" : "User reported suspicious activity: " + what;
        d.Severity = ThreatSeverity.High;
        d.Confidence = 0.7;
        var reportedIp = SingleEvent.Debug(e, "suspiciousActivityClientIpAddress");
        if (reportedIp != null) d.ClientIp = reportedIp;
        d.Summary = string.Format(CultureInfo.InvariantCulture, "{0} reported {1} as not theirs{2}.",
            SingleEvent.Who(e), what ?? "activity on their account", reportedIp != null ? " (from " + reportedIp + ")" : string.Empty);
        d.MitreTechnique = "T1078";
        d.Recommendation = "Contact the user, revoke their sessions (Revoke-OktaUserSession), reset the password and review recent factor changes.";
        context.Report(d);
    }

    public void Complete(DetectionContext context)
    {
    }
}
