using System;
using System.Collections.Generic;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection;

/// <summary>What a rule works with: the settings, the shared state, and the way out for findings.</summary>
public sealed class DetectionContext
{
    /// <summary>Evidence lists stop here; <see cref="OktaThreatFinding.EventCount"/> still counts every event.</summary>
    public const int MaxEvidence = 50;

    private readonly List<OktaThreatFinding> _output;

    internal DetectionContext(DetectionSettings settings, DetectionState state, List<OktaThreatFinding> output)
    {
        Settings = settings;
        State = state;
        _output = output;
    }

    public DetectionSettings Settings { get; }

    public DetectionAllowList AllowList => Settings.AllowList;

    public DetectionState State { get; }

    /// <summary>Emits the finding unless it repeats an incident already emitted (in this run or an earlier one that shared the state).</summary>
    public bool Report(ThreatFindingDraft d)
    {
        var firstMs = d.FirstSeen.ToUnixTimeMilliseconds();
        if (!State.TryEmit(d.Fingerprint, firstMs, d.LastSeen.ToUnixTimeMilliseconds(), d.Suppress)) return false;
        var evidence = d.Evidence.Count > MaxEvidence ? d.Evidence.GetRange(0, MaxEvidence) : d.Evidence;
        _output.Add(new OktaThreatFinding(d.Rule, d.Title, d.Severity, Math.Round(d.Confidence, 2), d.UserId, d.Login, d.ClientIp, d.Country, d.Asn,
            d.FirstSeen, d.LastSeen, Math.Max(d.EventCount, d.Evidence.Count), evidence.ToArray(), d.Summary, d.MitreTechnique, d.Recommendation,
            IncidentKey(d.Fingerprint, firstMs)));
        return true;
    }

    /// <summary>
    /// What names one incident outside the state (the SIEM id derives from it): the fingerprint and
    /// when the incident began. A later incident with the same fingerprint (the same address a
    /// week on) is a different alert, while the same finding written again keeps its key.
    /// </summary>
    internal static string IncidentKey(string fingerprint, long firstSeenMs) =>
        fingerprint + "|" + firstSeenMs.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Records that <paramref name="login"/> was targeted by a credential attack (rules 3–6), with the
    /// attacking address, so SuccessAfterAttack can match a later — or, out of order, earlier-arriving — success.
    /// </summary>
    public void MarkAttackTarget(string login, string rule, WindowEntry attempt, string? ip, long asn)
    {
        var window = State.Window(SuccessAfterAttackKeys.Prefix + DetectionState.UserKey(login), Settings.Minutes("SuccessAfterAttack", "windowMinutes"));
        State.Add(window, new WindowEntry(attempt.TimeMs, attempt.Uuid, rule, ip, login, asn));
    }
}

/// <summary>Where the credential-attack rules leave their targets for SuccessAfterAttack.</summary>
internal static class SuccessAfterAttackKeys
{
    public const string Prefix = "SuccessAfterAttack|target|";
}
