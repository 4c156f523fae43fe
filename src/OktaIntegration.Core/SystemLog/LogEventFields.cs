namespace OktaIntegration.Core.SystemLog;

/// <summary>Which fields of each event a page parse fills in (<see cref="LogPageParser"/>).</summary>
internal enum LogEventFields
{
    /// <summary>Every scalar <see cref="OktaLogEvent"/> shows: what Get-OktaSystemLog and the detections read.</summary>
    All,

    /// <summary>
    /// Only what forwarding needs: uuid, published, eventType, severity (and the category and raw
    /// bytes, as always). The exporter sends each event's own bytes, normalized or not, and never
    /// hands these events out, so reading actor, client, targets and the rest into strings would
    /// be work thrown away (about half the parse).
    /// </summary>
    Envelope,
}
