using System;

namespace OktaIntegration.Core.Http;

/// <summary>
/// Optional second face of an <see cref="ITransportLog"/>: told when the transport is about to
/// sit idle for a noticeable time (rate-limit reset, retry backoff), so a cmdlet can show it in
/// the progress bar and a paced run never looks hung.
/// </summary>
public interface ITransportWaitLog
{
    /// <summary>A wait of <paramref name="duration"/> starts; <paramref name="reason"/> reads "for the rate limit to reset (X-Rate-Limit-Reset)".</summary>
    void WaitStarted(TimeSpan duration, string reason);

    void WaitEnded();
}
