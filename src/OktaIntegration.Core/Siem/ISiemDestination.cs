using System;
using System.Threading;
using System.Threading.Tasks;

namespace OktaIntegration.Core.Siem;

/// <summary>
/// Where exported events go. One implementation per file (Siem/Destinations). The contract:
/// send a batch and say, item by item, what the destination acknowledged. An item counts as
/// acknowledged only when the destination has confirmed it durably (an fsync, an indexer ack, a
/// 2xx for the whole call); the exporter moves the cursor only when every item of a page is
/// acknowledged or reported as already present. Implementations must be safe to call from
/// several exports at once (a multi-org run shares one destination).
/// </summary>
public interface ISiemDestination : IDisposable
{
    /// <summary>A short description for messages and the run summary: kind and address, never a secret.</summary>
    string Description { get; }

    /// <summary>Whether the destination drops repeats by uuid itself (Elasticsearch _id); if not, a resend after a crash can duplicate.</summary>
    bool Deduplicates { get; }

    /// <summary>
    /// Sends the records and returns one <see cref="SiemItemStatus"/> per record, in order.
    /// Throwing means nothing of this call is known to be delivered (connection refused, reset,
    /// timeout): the exporter retries the whole call.
    /// </summary>
    Task<SiemSendResult> SendAsync(SiemBatch batch, CancellationToken cancellationToken);
}
