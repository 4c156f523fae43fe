using System.Collections.Generic;

namespace OktaIntegration.Core.Posture.Checks;

/// <summary>
/// Check 7: ThreatInsight set to None (High), or to Audit while the org has logged
/// security.threat.detected in the last 7 days (Medium): the threats are seen but let through.
/// </summary>
public sealed class ThreatInsightCheck : IPostureCheck
{
    public string Name => "ThreatInsightNotBlocking";

    public PostureData Needs => PostureData.ThreatInsight;

    public string RateLimitCost => "2 calls: GET /api/v1/threats/configuration and one GET /api/v1/logs (limit 1) for security.threat.detected.";

    public IEnumerable<OktaPostureFinding> Evaluate(PostureSnapshot snapshot)
    {
        var settings = snapshot.ThreatInsight;
        if (settings == null) yield break;
        if (settings.Action == ThreatInsightAction.None)
        {
            yield return new OktaPostureFinding(Name, PostureSeverity.High, "Setting", "ThreatInsight", null,
                "ThreatInsight action is None: requests from IPs Okta knows to be attacking are neither logged nor blocked.",
                "Set-OktaThreatInsight -Action Block (or Audit first, to review security.threat.detected events), excluding your own egress zones.",
                PostureReferences.ThreatInsight);
        }
        else if (settings.Action == ThreatInsightAction.Audit && snapshot.RecentThreatEvents is > 0)
        {
            yield return new OktaPostureFinding(Name, PostureSeverity.Medium, "Setting", "ThreatInsight", null,
                $"ThreatInsight action is Audit and the System Log has security.threat.detected events in the last {snapshot.Options.ThreatLookbackDays} days: threats are seen but let through.",
                "Set-OktaThreatInsight -Action Block, excluding the zones of trusted proxies and scanners.",
                PostureReferences.ThreatInsight);
        }
    }
}
