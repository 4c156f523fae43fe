using System;
using System.Collections.Generic;
using System.Globalization;

namespace OktaIntegration.Core.Detection;

/// <summary>
/// One detected threat. Every property is a scalar, so Export-Csv writes one clean row and the
/// response cmdlets bind by property name: <see cref="UserId"/> to Revoke-OktaUserSession,
/// Suspend-OktaUser and Resume-OktaUser, <see cref="ClientIp"/> to Block-OktaIpAddress.
/// <see cref="Evidence"/> is the events' uuids joined by spaces; <see cref="GetEvidence"/> gives them as a list.
/// </summary>
public sealed class OktaThreatFinding
{
    private readonly IReadOnlyList<string> _evidence;

    internal OktaThreatFinding(string rule, string title, ThreatSeverity severity, double confidence, string? userId, string? login, string? clientIp,
        string? country, long? asn, DateTimeOffset firstSeen, DateTimeOffset lastSeen, int eventCount, IReadOnlyList<string> evidence,
        string summary, string mitreTechnique, string recommendation, string fingerprint)
    {
        Rule = rule;
        Title = title;
        Severity = severity;
        Confidence = confidence;
        UserId = userId;
        Login = login;
        ClientIp = clientIp;
        Country = country;
        Asn = asn;
        FirstSeen = firstSeen;
        LastSeen = lastSeen;
        EventCount = eventCount;
        _evidence = evidence;
        Summary = summary;
        MitreTechnique = mitreTechnique;
        Recommendation = recommendation;
        Fingerprint = fingerprint;
    }

    /// <summary>The rule's name, as -Rule takes it (ImpossibleTravel, MfaPushFatigue…).</summary>
    public string Rule { get; }

    public string Title { get; }

    public ThreatSeverity Severity { get; }

    /// <summary>How sure the rule is that this is an attack and not the documented false positive, from 0 to 1.</summary>
    public double Confidence { get; }

    /// <summary>The Okta user id of the account at risk (pipe to Revoke-OktaUserSession, Suspend-OktaUser); null for org-wide findings.</summary>
    public string? UserId { get; }

    public string? Login { get; }

    /// <summary>The attacking or anomalous address, where there is one (pipe to Block-OktaIpAddress).</summary>
    public string? ClientIp { get; }

    public string? Country { get; }

    public long? Asn { get; }

    public DateTimeOffset FirstSeen { get; }

    public DateTimeOffset LastSeen { get; }

    public int EventCount { get; }

    /// <summary>The uuids of the events behind the finding, joined by spaces (one CSV cell).</summary>
    public string Evidence => string.Join(" ", _evidence);

    /// <summary>One sentence a person can act on, with the numbers.</summary>
    public string Summary { get; }

    /// <summary>The MITRE ATT&amp;CK technique (T1110.003…).</summary>
    public string MitreTechnique { get; }

    public string Recommendation { get; }

    /// <summary>
    /// The incident: the rule's fingerprint (rule, then the user, address or session) and when the
    /// incident began. The same finding written again has the same one; a new incident with the
    /// same fingerprint has another (ConvertTo-OktaSiemEvent derives the event id from it).
    /// </summary>
    internal string Fingerprint { get; }

    /// <summary>The uuids of the events behind the finding.</summary>
    public IReadOnlyList<string> GetEvidence() => _evidence;

    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "[{0}] {1}: {2}", Severity, Rule, Summary);
}
