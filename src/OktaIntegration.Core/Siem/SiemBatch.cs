using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Siem;

/// <summary>One event ready to send: its uuid (the dedupe key), time, type and its bytes in the export's schema.</summary>
public sealed class SiemRecord
{
    public SiemRecord(string uuid, DateTimeOffset published, string? eventType, ReadOnlyMemory<byte> json, string? severity = null, ReadOnlyMemory<byte>? original = null)
    {
        Uuid = uuid;
        Published = published;
        EventType = eventType;
        Json = json;
        Severity = severity;
        Original = original ?? json;
    }

    public string Uuid { get; }

    public DateTimeOffset Published { get; }

    public string? EventType { get; }

    /// <summary>One compact JSON object (no line break) in the export's schema.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>Okta's severity (DEBUG, INFO, WARN, ERROR), or null when the event has none.</summary>
    public string? Severity { get; }

    /// <summary>
    /// Okta's own event JSON, whatever the schema: formats with fixed fields of their own (CEF over
    /// syslog) map from it. The same bytes as <see cref="Json"/> for the Raw schema.
    /// </summary>
    public ReadOnlyMemory<byte> Original { get; }
}

/// <summary>The records of one send: a page of the System Log, or the items of it that still need delivering.</summary>
public sealed class SiemBatch
{
    public SiemBatch(IReadOnlyList<SiemRecord> records, SiemSchema schema)
    {
        Records = records;
        Schema = schema;
    }

    public IReadOnlyList<SiemRecord> Records { get; }

    public SiemSchema Schema { get; }

    public int Count => Records.Count;
}

/// <summary>What the destination said about one record.</summary>
public enum SiemItemStatus
{
    /// <summary>Durably accepted.</summary>
    Acknowledged,

    /// <summary>The destination already had it (Elasticsearch 409): counts as delivered.</summary>
    Duplicate,

    /// <summary>Not accepted this time (429, 5xx, ack not confirmed): send again.</summary>
    Retry,

    /// <summary>Refused for good (a mapping error, 400): resending will not help; the run stops before this page.</summary>
    Rejected,
}

/// <summary>The answer to one send: a status per record, and how long the destination asked us to wait.</summary>
public sealed class SiemSendResult
{
    public SiemSendResult(IReadOnlyList<SiemItemStatus> statuses, TimeSpan? retryAfter = null, string? detail = null)
    {
        Statuses = statuses;
        RetryAfter = retryAfter;
        Detail = detail;
    }

    public IReadOnlyList<SiemItemStatus> Statuses { get; }

    /// <summary>The destination's Retry-After, when it gave one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Why items failed, for messages (a status code, the destination's error type).</summary>
    public string? Detail { get; }

    public static SiemSendResult All(int count, SiemItemStatus status, TimeSpan? retryAfter = null, string? detail = null)
    {
        var statuses = new SiemItemStatus[count];
        for (var i = 0; i < count; i++) statuses[i] = status;
        return new SiemSendResult(statuses, retryAfter, detail);
    }
}
