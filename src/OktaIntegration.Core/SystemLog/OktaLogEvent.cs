using System;
using System.Text;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// One System Log event. Its properties are scalars — one clean CSV row per event — taken from
/// the event's JSON in a single streaming pass; the full nested detail (every target, debug
/// data, IP chain, security and authentication context, device) comes from <see cref="GetDetail"/>,
/// built on first use from the original JSON, which <see cref="GetRawJson"/> returns unchanged.
/// The detail is a method, not a property, so every property stays a scalar: ConvertTo-Json at its
/// default depth (2) and Export-Csv both see the whole event with nothing truncated.
/// Unknown fields are ignored and missing ones stay null, so new Okta fields never break it.
/// </summary>
public sealed class OktaLogEvent
{
    private ReadOnlyMemory<byte> _raw;
    private OktaLogEventDetail? _detail;

    internal OktaLogEvent()
    {
    }

    /// <summary>Set once by the parser when the event's closing brace is reached; a slice of the page body, not a copy.</summary>
    internal void SetRaw(ReadOnlyMemory<byte> raw) => _raw = raw;

    /// <summary>
    /// The org (origin) the reader read this event from; null for events parsed from elsewhere
    /// (a file, ConvertFrom-Json). Not a property of the event itself, so not shown or exported:
    /// it lets consumers that keep per-org state (Find-OktaThreat) refuse another org's events.
    /// </summary>
    internal string? SourceOrg { get; set; }

    public string Uuid { get; internal set; } = string.Empty;

    public DateTimeOffset Published { get; internal set; }

    /// <summary>
    /// <see cref="Published"/> as exact, culture-independent RFC 3339 UTC text (milliseconds kept):
    /// what Export-Csv should carry, since a DateTimeOffset cell is written in the current
    /// culture's format, to the second.
    /// </summary>
    public string PublishedUtc => SystemLogQuery.Format(Published);

    public string? EventType { get; internal set; }

    /// <summary>
    /// What kind of activity this is, from the event-type catalog (see <see cref="LogEventCategories"/>):
    /// a <see cref="LogEventCategory"/> name. A string, not the enum, so ConvertTo-Json and Export-Csv
    /// write "Session" rather than 2.
    /// </summary>
    public string Category { get; internal set; } = nameof(LogEventCategory.Other);

    public string? Severity { get; internal set; }

    public string? DisplayMessage { get; internal set; }

    public string? Outcome { get; internal set; }

    public string? OutcomeReason { get; internal set; }

    public string? ActorId { get; internal set; }

    public string? ActorType { get; internal set; }

    public string? ActorAlternateId { get; internal set; }

    public string? ActorDisplayName { get; internal set; }

    public string? ClientIp { get; internal set; }

    public string? UserAgent { get; internal set; }

    public string? Browser { get; internal set; }

    public string? OperatingSystem { get; internal set; }

    public string? Device { get; internal set; }

    /// <summary>The matched network zone's name; null when none matched (Okta then sends the string "null").</summary>
    public string? Zone { get; internal set; }

    public string? ClientId { get; internal set; }

    public string? City { get; internal set; }

    public string? State { get; internal set; }

    public string? Country { get; internal set; }

    public string? PostalCode { get; internal set; }

    public double? Latitude { get; internal set; }

    public double? Longitude { get; internal set; }

    /// <summary>The principal target: the first target of type User, else the first target. All targets are in <see cref="GetDetail"/>.</summary>
    public string? TargetId { get; internal set; }

    public string? TargetType { get; internal set; }

    public string? TargetAlternateId { get; internal set; }

    public string? TargetDisplayName { get; internal set; }

    public int TargetCount { get; internal set; }

    public string? TransactionId { get; internal set; }

    public string? TransactionType { get; internal set; }

    /// <summary>transaction.detail.requestApiTokenId: the SSWS token behind an API action.</summary>
    public string? ApiTokenId { get; internal set; }

    /// <summary>authenticationContext.externalSessionId: one sign-in session.</summary>
    public string? SessionId { get; internal set; }

    public string? RootSessionId { get; internal set; }

    public string? CredentialType { get; internal set; }

    public string? CredentialProvider { get; internal set; }

    public string? AuthenticationProvider { get; internal set; }

    public string? Isp { get; internal set; }

    public string? AsOrg { get; internal set; }

    public long? AsNumber { get; internal set; }

    public string? Domain { get; internal set; }

    public bool? IsProxy { get; internal set; }

    /// <summary>debugContext.debugData.requestId, to quote to Okta support.</summary>
    public string? RequestId { get; internal set; }

    /// <summary>debugContext.debugData.dtHash: the device token hash that, with the session id, identifies one browser.</summary>
    public string? DeviceTokenHash { get; internal set; }

    /// <summary>debugContext.debugData.threatSuspected: ThreatInsight judged the request suspicious.</summary>
    public bool? ThreatSuspected { get; internal set; }

    /// <summary>debugContext.debugData.factor: the factor used (OKTA_VERIFY_PUSH, SMS…), on MFA events.</summary>
    public string? Factor { get; internal set; }

    public string? LegacyEventType { get; internal set; }

    /// <summary>Okta's schema version; a string ("0"), never parsed as a number.</summary>
    public string? Version { get; internal set; }

    /// <summary>
    /// All nested detail, parsed on first use and kept. A method rather than a property because a
    /// nested property would be cut off (with a warning) by ConvertTo-Json's default depth of 2;
    /// serialize the detail itself with ConvertTo-Json -Depth 10 when a script needs it as JSON.
    /// </summary>
    public OktaLogEventDetail GetDetail() => _detail ??= OktaLogEventDetail.Parse(_raw);

    /// <summary>The event exactly as Okta sent it, for forwarding unchanged.</summary>
    public string GetRawJson() => Encoding.UTF8.GetString(_raw.ToArray());

    /// <summary>The event's original UTF-8 bytes.</summary>
    public ReadOnlyMemory<byte> GetRawUtf8() => _raw;

    public override string ToString() => $"{Published:u} {EventType} {ActorAlternateId} {Outcome}";
}
