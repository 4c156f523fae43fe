using System;
using System.Collections.Generic;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection;

/// <summary>
/// Runs the chosen rules over events, one at a time, and gives back the findings that are new.
/// After the rules have looked at a successful sign-in it joins the user's baseline, so every rule
/// compares an event with what was known before it. <see cref="Complete"/> ends a run: the checks
/// that wait for time to pass, then the caps. The detector holds no file; the caller saves the state.
/// </summary>
public sealed class ThreatDetector
{
    private readonly IReadOnlyList<IThreatRule> _rules;
    private readonly DetectionContext _context;
    private readonly List<OktaThreatFinding> _pending = new();

    public ThreatDetector(DetectionSettings settings, DetectionState state, IReadOnlyList<IThreatRule> rules)
    {
        Settings = settings;
        State = state;
        _rules = rules;
        _context = new DetectionContext(settings, state, _pending);
    }

    public DetectionSettings Settings { get; }

    public DetectionState State { get; }

    public IReadOnlyList<IThreatRule> Rules => _rules;

    public long EventsObserved { get; private set; }

    /// <summary>Looks at one event; returns the findings it completed (usually none).</summary>
    public IReadOnlyList<OktaThreatFinding> Observe(OktaLogEvent e)
    {
        if (e == null) throw new ArgumentNullException(nameof(e));
        if (e.SourceOrg != null && State.Org != null && !string.Equals(e.SourceOrg, State.Org, StringComparison.OrdinalIgnoreCase))
            throw new ForeignOrgEventException(e.SourceOrg, State.Org);
        EventsObserved++;
        State.Advance(e.Published.ToUnixTimeMilliseconds());
        foreach (var rule in _rules) rule.Observe(e, _context);
        if (DetectionEvents.IsSignInSuccess(e)) State.RecordSignIn(e);
        else if (e.EventType == "user.authentication.sso" && e.Outcome == "SUCCESS") State.RecordApp(e);
        return Drain();
    }

    /// <summary>Ends the run: time-dependent checks, then expiry and caps. Returns the findings those checks produced.</summary>
    public IReadOnlyList<OktaThreatFinding> Complete()
    {
        foreach (var rule in _rules) rule.Complete(_context);
        State.Compact();
        return Drain();
    }

    /// <summary>Observes every event then completes: the findings of a whole batch.</summary>
    public List<OktaThreatFinding> Run(IEnumerable<OktaLogEvent> events)
    {
        var all = new List<OktaThreatFinding>();
        foreach (var e in events) all.AddRange(Observe(e));
        all.AddRange(Complete());
        return all;
    }

    private IReadOnlyList<OktaThreatFinding> Drain()
    {
        if (_pending.Count == 0) return Array.Empty<OktaThreatFinding>();
        var found = _pending.ToArray();
        _pending.Clear();
        return found;
    }
}
