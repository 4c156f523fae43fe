using System;
using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.Emulator.Users;

/// <summary>
/// What response actions the org carried out (sessions cleared, users suspended or resumed, zones
/// rewritten) and the System Log event each produced, so tests assert effects rather than calls.
/// Every event is also handed to the <see cref="ISystemLogSink"/>.
/// </summary>
public sealed class ResponseActionJournal
{
    private readonly ISystemLogSink _sink;
    private readonly List<SessionRevocationRecord> _sessions = new();
    private readonly List<LifecycleChangeRecord> _lifecycle = new();
    private readonly List<ZoneUpdateRecord> _zones = new();
    private readonly List<EmulatedLogEvent> _events = new();
    private readonly object _gate = new();

    public ResponseActionJournal(ISystemLogSink sink)
    {
        _sink = sink;
    }

    public IReadOnlyList<SessionRevocationRecord> SessionRevocations
    {
        get { lock (_gate) return _sessions.ToArray(); }
    }

    public IReadOnlyList<LifecycleChangeRecord> LifecycleChanges
    {
        get { lock (_gate) return _lifecycle.ToArray(); }
    }

    public IReadOnlyList<ZoneUpdateRecord> ZoneUpdates
    {
        get { lock (_gate) return _zones.ToArray(); }
    }

    /// <summary>Every event emitted, in order.</summary>
    public IReadOnlyList<EmulatedLogEvent> Events
    {
        get { lock (_gate) return _events.ToArray(); }
    }

    public IReadOnlyList<EmulatedLogEvent> EventsOfType(string eventType)
    {
        lock (_gate) return _events.Where(e => e.EventType == eventType).ToArray();
    }

    internal void Record(SessionRevocationRecord record, EmulatedLogEvent logEvent) => Add(_sessions, record, logEvent);

    internal void Record(LifecycleChangeRecord record, EmulatedLogEvent logEvent) => Add(_lifecycle, record, logEvent);

    internal void Record(ZoneUpdateRecord record, EmulatedLogEvent logEvent) => Add(_zones, record, logEvent);

    private void Add<T>(List<T> list, T record, EmulatedLogEvent logEvent)
    {
        lock (_gate)
        {
            list.Add(record);
            _events.Add(logEvent);
        }
        _sink.Append(logEvent);
    }
}

/// <summary>One DELETE /users/{id}/sessions: the flags as the org understood them (defaults applied) and what it ended.</summary>
public sealed record SessionRevocationRecord(string UserId, bool OAuthTokens, bool ForgetDevices, int SessionsEnded, int TokensRevoked, int DevicesForgotten, DateTimeOffset At);

/// <summary>One lifecycle call that changed a user: "suspend" or "unsuspend", with the status before and after.</summary>
public sealed record LifecycleChangeRecord(string UserId, string Operation, string FromStatus, string ToStatus, DateTimeOffset At);

/// <summary>One PUT /zones/{id}: the gateway values before and after the full replacement.</summary>
public sealed record ZoneUpdateRecord(string ZoneId, string ZoneName, IReadOnlyList<string> GatewaysBefore, IReadOnlyList<string> GatewaysAfter, DateTimeOffset At)
{
    public IReadOnlyList<string> Added => GatewaysAfter.Except(GatewaysBefore, StringComparer.Ordinal).ToArray();

    public IReadOnlyList<string> Removed => GatewaysBefore.Except(GatewaysAfter, StringComparer.Ordinal).ToArray();
}
