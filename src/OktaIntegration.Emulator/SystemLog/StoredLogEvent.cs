using System;

namespace OktaIntegration.Emulator.SystemLog;

/// <summary>
/// One System Log event as the emulator keeps it: the serialized JSON (written once, served as
/// is, so a million events cost one byte array each and no re-serialization) plus the keys the
/// two orderings need. <see cref="Position"/> is the persistence order polling follows.
/// </summary>
public sealed class StoredLogEvent
{
    public StoredLogEvent(string uuid, string eventType, long publishedMs, long persistedMs, long position, byte[] json)
    {
        Uuid = uuid;
        EventType = eventType;
        PublishedMs = publishedMs;
        PersistedMs = persistedMs;
        Position = position;
        Json = json;
    }

    public string Uuid { get; }

    public string EventType { get; }

    /// <summary>When the event happened (the <c>published</c> field); bounded queries filter and order by it.</summary>
    public long PublishedMs { get; }

    /// <summary>When the org stored it; polling orders by it, and a late event is stored well after it was published.</summary>
    public long PersistedMs { get; }

    /// <summary>Index in persistence order; polling cursors carry it.</summary>
    public long Position { get; }

    public byte[] Json { get; }

    public DateTimeOffset Published => DateTimeOffset.FromUnixTimeMilliseconds(PublishedMs);
}
