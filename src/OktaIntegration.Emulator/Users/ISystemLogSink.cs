using System.Collections.Generic;

namespace OktaIntegration.Emulator.Users;

/// <summary>
/// Where response-action endpoints send the System Log events they cause. The emulator's System
/// Log store implements it so these events appear in GET /api/v1/logs; until then the default
/// keeps them in a list.
/// </summary>
public interface ISystemLogSink
{
    void Append(EmulatedLogEvent logEvent);
}

/// <summary>The default sink: keeps every appended event, in order.</summary>
public sealed class InMemorySystemLogSink : ISystemLogSink
{
    private readonly List<EmulatedLogEvent> _events = new();

    public IReadOnlyList<EmulatedLogEvent> Events
    {
        get { lock (_events) return _events.ToArray(); }
    }

    public void Append(EmulatedLogEvent logEvent)
    {
        lock (_events) _events.Add(logEvent);
    }
}
