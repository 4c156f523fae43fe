using System;
using System.Collections.Generic;
using OktaIntegration.Emulator.Data;

namespace OktaIntegration.Emulator.Users;

/// <summary>
/// A System Log event an admin action produced (user.session.clear, user.lifecycle.suspend,
/// zone.update…), kept in the shape of Okta's LogEvent so the System Log store can serve it as is.
/// </summary>
public sealed class EmulatedLogEvent
{
    public EmulatedLogEvent(string eventType, string displayMessage, LogEventParty actor, IReadOnlyList<LogEventParty> targets, string? clientIp, string? requestId)
    {
        Uuid = Guid.NewGuid().ToString();
        Published = DateTimeOffset.UtcNow;
        EventType = eventType;
        DisplayMessage = displayMessage;
        Actor = actor;
        Targets = targets;
        ClientIp = clientIp;
        RequestId = requestId;
    }

    public string Uuid { get; }

    public DateTimeOffset Published { get; }

    public string EventType { get; }

    public string DisplayMessage { get; }

    public LogEventParty Actor { get; }

    public IReadOnlyList<LogEventParty> Targets { get; }

    public string? ClientIp { get; }

    /// <summary>The X-Okta-Request-Id of the API call that caused the event (Okta puts it in debugData and transaction.id).</summary>
    public string? RequestId { get; }

    public Dictionary<string, object?> ToJson()
    {
        var targets = new List<object?>();
        foreach (var target in Targets) targets.Add(target.ToJson());
        return new Dictionary<string, object?>
        {
            ["uuid"] = Uuid,
            ["published"] = EmulatedUser.Iso(Published),
            ["eventType"] = EventType,
            ["version"] = "0",
            ["severity"] = "INFO",
            ["legacyEventType"] = null,
            ["displayMessage"] = DisplayMessage,
            ["actor"] = Actor.ToJson(),
            ["client"] = new Dictionary<string, object?>
            {
                ["ipAddress"] = ClientIp,
                ["userAgent"] = new Dictionary<string, object?> { ["rawUserAgent"] = null, ["os"] = "Unknown", ["browser"] = "UNKNOWN" },
                ["zone"] = "null",
                ["device"] = "Unknown",
            },
            ["outcome"] = new Dictionary<string, object?> { ["result"] = "SUCCESS", ["reason"] = null },
            ["target"] = targets,
            ["transaction"] = new Dictionary<string, object?> { ["type"] = "WEB", ["id"] = RequestId, ["detail"] = new Dictionary<string, object?>() },
            ["debugContext"] = new Dictionary<string, object?> { ["debugData"] = new Dictionary<string, object?> { ["requestId"] = RequestId } },
            ["request"] = new Dictionary<string, object?>
            {
                ["ipChain"] = ClientIp == null
                    ? new List<object?>()
                    : new List<object?> { new Dictionary<string, object?> { ["ip"] = ClientIp, ["version"] = ClientIp.Contains(':') ? "V6" : "V4", ["source"] = null } },
            },
        };
    }
}

/// <summary>An actor or target of a log event: id, type, alternateId, displayName.</summary>
public sealed record LogEventParty(string Id, string Type, string? AlternateId, string? DisplayName)
{
    public Dictionary<string, object?> ToJson() => new()
    {
        ["id"] = Id,
        ["type"] = Type,
        ["alternateId"] = AlternateId,
        ["displayName"] = DisplayName,
        ["detailEntry"] = null,
    };
}
