using System;
using System.Globalization;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 5, credential stuffing: from one address, <c>minUsers</c> (15) or more users and
/// <c>minAttempts</c> (25) or more failed attempts within <c>windowMinutes</c> (15), nearly all
/// users tried at most <c>maxAttemptsPerUser</c> (2) times (<c>minShareFewAttempts</c>, 80 %) — a
/// list of leaked login/password pairs, each tried once. High. Targets are remembered for SuccessAfterAttack.
/// Source: Elastic's credential-stuffing rule (15 min by IP: ≥ 25 attempts, ≥ 15 users, ≤ 2 per
/// user, ≥ 80 % of users with few attempts); Chronicle's ThreatInsight reason "Login failures with
/// high unknown users count".
/// State: the address's open window across runs (W).
/// Known false positives: shared kiosks and corporate proxies (allow-list them).
/// </summary>
public sealed class CredentialStuffingRule : IThreatRule
{
    private readonly int _minUsers;
    private readonly int _minAttempts;
    private readonly int _maxPerUser;
    private readonly double _minShareFew;
    private readonly TimeSpan _window;

    public CredentialStuffingRule(DetectionSettings settings)
    {
        _minUsers = settings.Integer(Name, "minUsers");
        _minAttempts = settings.Integer(Name, "minAttempts");
        _maxPerUser = settings.Integer(Name, "maxAttemptsPerUser");
        _minShareFew = settings.Number(Name, "minShareFewAttempts");
        _window = settings.Minutes(Name, "windowMinutes");
    }

    public string Name => "CredentialStuffing";

    public string Description => "Failed sign-ins from one address for many different users, once or twice each";

    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        if (CredentialWindow.FromOneAddress(Name, e, context, _window, _minAttempts, s =>
            s.Users >= _minUsers && s.Attempts >= _minAttempts && s.ShareOfUsers(1, _maxPerUser) >= _minShareFew) is not { } hit) return;
        var (d, stats, span) = hit;
        d.Title = "Credential stuffing";
        d.Severity = ThreatSeverity.High;
        d.Confidence = 0.85;
        d.Summary = string.Format(CultureInfo.InvariantCulture, "{0} failed sign-ins for {1} different users from {2}{3} in {4}.",
            stats.Attempts, stats.Users, d.ClientIp, DetectionEvents.Place(d.Country, d.Asn), DetectionEvents.Span(span));
        d.MitreTechnique = "T1110.004";
        d.Recommendation = "Block the address (Block-OktaIpAddress); force a password reset for any targeted user who then signs in successfully.";
        context.Report(d);
    }

    public void Complete(DetectionContext context)
    {
    }
}
