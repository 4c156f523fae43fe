using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection;

/// <summary>
/// One detection. Events go in through <see cref="Observe"/>, findings come out through
/// <see cref="DetectionContext.Report"/>; whatever must outlive the event (windows, baselines,
/// pending checks) lives in <see cref="DetectionContext.State"/>, which the rule does not own,
/// so one store serves every rule and survives between runs. Windows are keyed by event time
/// (<see cref="OktaLogEvent.Published"/>), never by arrival, so late and out-of-order events count.
/// </summary>
public interface IThreatRule
{
    /// <summary>The name -Rule and the settings file use.</summary>
    string Name { get; }

    /// <summary>What it detects, in a few words (for tab completion and help).</summary>
    string Description { get; }

    void Observe(OktaLogEvent e, DetectionContext context);

    /// <summary>Called once at the end of a run, after every event: checks that depend on time passing (a reset not followed by a new factor).</summary>
    void Complete(DetectionContext context);
}
