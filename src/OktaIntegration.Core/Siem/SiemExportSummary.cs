using System;

namespace OktaIntegration.Core.Siem;

/// <summary>
/// One org's export run: what was read, sent and acknowledged, what the destination reported as
/// already present, how many batches needed a retry, and where the cursor stands. When the run
/// stopped on a failure, <see cref="Error"/> says why and the cursor is before the failed batch.
/// </summary>
public sealed class SiemExportSummary
{
    public string Org { get; internal set; } = string.Empty;

    /// <summary>The org's name in the settings file its connection came from (Connect-OktaTenant -SettingsPath); null otherwise.</summary>
    public string? OrgName { get; internal set; }

    public string Destination { get; internal set; } = string.Empty;

    /// <summary>Raw, Ecs, Ocsf or Asim, as text so ConvertTo-Json writes the name.</summary>
    public string Schema { get; internal set; } = string.Empty;

    public long EventsRead { get; internal set; }

    /// <summary>Distinct events handed to the destination (a retried event counts once).</summary>
    public long EventsSent { get; internal set; }

    public long Acknowledged { get; internal set; }

    /// <summary>Events the destination reported it already had (Elasticsearch 409): delivered before, not again.</summary>
    public long Duplicates { get; internal set; }

    public long Pages { get; internal set; }

    /// <summary>Batches that needed more than one send.</summary>
    public long BatchesRetried { get; internal set; }

    /// <summary>Sends that failed as a whole (connection refused, reset, timeout) and were repeated.</summary>
    public long SendFailures { get; internal set; }

    /// <summary>The cursor file, when one is used.</summary>
    public string? CursorPath { get; internal set; }

    /// <summary>Where the next run resumes (Okta's next link), or null when a bounded query completed.</summary>
    public string? CursorPosition { get; internal set; }

    /// <summary>The newest event delivered.</summary>
    public DateTimeOffset? Newest { get; internal set; }

    public TimeSpan Elapsed { get; internal set; }

    /// <summary>True when the run read everything it was asked to and every batch was acknowledged.</summary>
    public bool Succeeded => Error == null;

    /// <summary>Why the run stopped early; null when it succeeded.</summary>
    public string? Error { get; internal set; }

    /// <summary>The exception behind <see cref="Error"/>, for the cmdlet's error record (a method, so CSV and JSON show only the message).</summary>
    public Exception? GetException() => Exception;

    internal Exception? Exception { get; set; }

    public double EventsPerSecond => Elapsed.TotalSeconds > 0 ? Acknowledged / Elapsed.TotalSeconds : 0;

    internal SiemExportSummary Snapshot() => (SiemExportSummary)MemberwiseClone();

    public override string ToString() =>
        $"{(OrgName != null ? OrgName + " (" + Org + ")" : Org)}: read {EventsRead}, acknowledged {Acknowledged}, duplicates {Duplicates}, retried batches {BatchesRetried}" + (Error != null ? " — stopped: " + Error : string.Empty);
}
