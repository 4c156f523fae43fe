using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Detection;

/// <summary>What a rule fills in to report a finding; <see cref="DetectionContext.Report"/> turns it into an <see cref="OktaThreatFinding"/> once.</summary>
public sealed class ThreatFindingDraft
{
    public string Rule { get; set; } = string.Empty;

    /// <summary>What makes a later report the same finding (rule name, then the user, address or session).</summary>
    public string Fingerprint { get; set; } = string.Empty;

    /// <summary>How long after <see cref="LastSeen"/> a repeat of the fingerprint is absorbed; zero means the state's fingerprintDays.</summary>
    public TimeSpan Suppress { get; set; }

    public string Title { get; set; } = string.Empty;

    public ThreatSeverity Severity { get; set; } = ThreatSeverity.Medium;

    public double Confidence { get; set; } = 0.7;

    public string? UserId { get; set; }

    public string? Login { get; set; }

    public string? ClientIp { get; set; }

    public string? Country { get; set; }

    public long? Asn { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public List<string> Evidence { get; } = new();

    /// <summary>Events behind the finding; the evidence list is capped, the count is not.</summary>
    public int EventCount { get; set; }

    public string Summary { get; set; } = string.Empty;

    public string MitreTechnique { get; set; } = string.Empty;

    public string Recommendation { get; set; } = string.Empty;
}
