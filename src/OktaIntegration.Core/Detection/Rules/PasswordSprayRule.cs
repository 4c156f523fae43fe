using System;
using System.Globalization;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>
/// Rule 3, password spray from one address: failed authentications (INVALID_CREDENTIALS,
/// LOCKED_OUT, VERIFICATION_ERROR) from one client IP across <c>minUsers</c> (5) or more users in
/// <c>minAttempts</c> (15) or more attempts within <c>windowMinutes</c> (60), with few attempts per
/// user: none above <c>maxAttemptsPerUser</c> (8, under the lockout) and at least
/// <c>minShareRetried</c> (60 %) of the users tried two or more times (one try per user is
/// credential stuffing, rule 5). High. Its targets are remembered for SuccessAfterAttack.
/// Source: Elastic's password-spraying rule (1 h, ≥ 5 users, ≥ 15 attempts, 2–8 per user, ≥ 60 % of
/// users at 2–6); Sentinel (&gt; 15 users per IP in 5 min) and Splunk (&gt; 9 users in 5 min) are similar.
/// Elastic also wants the attempts to span 5 minutes or more; not here: a spray done in one minute
/// is no less a spray, and no other rule would report it (too few users for CredentialStuffing,
/// too few tries per user for BruteForce).
/// State: the address's open window across runs (W).
/// Known false positives: NAT, proxy and VPN egress addresses shared by many users (allow-list
/// them), and days when passwords rotate.
/// </summary>
public sealed class PasswordSprayRule : IThreatRule
{
    private readonly int _minUsers;
    private readonly int _minAttempts;
    private readonly int _maxPerUser;
    private readonly double _minShareRetried;
    private readonly TimeSpan _window;

    public PasswordSprayRule(DetectionSettings settings)
    {
        _minUsers = settings.Integer(Name, "minUsers");
        _minAttempts = settings.Integer(Name, "minAttempts");
        _maxPerUser = settings.Integer(Name, "maxAttemptsPerUser");
        _minShareRetried = settings.Number(Name, "minShareRetried");
        _window = settings.Minutes(Name, "windowMinutes");
    }

    public string Name => "PasswordSpray";

    public string Description => "Failed sign-ins from one address across many users, a few tries each";

    public void Observe(OktaLogEvent e, DetectionContext context)
    {
        if (CredentialWindow.FromOneAddress(Name, e, context, _window, _minAttempts, s =>
            s.Users >= _minUsers && s.Attempts >= _minAttempts && s.MaxPerUser <= _maxPerUser && s.ShareOfUsers(2, _maxPerUser) >= _minShareRetried) is not { } hit) return;
        var (d, stats, span) = hit;
        d.Title = "Password spray from one address";
        d.Severity = ThreatSeverity.High;
        d.Confidence = 0.8;
        d.Summary = string.Format(CultureInfo.InvariantCulture, "{0} failed sign-ins for {1} users from {2}{3} in {4}, at most {5} per user.",
            stats.Attempts, stats.Users, d.ClientIp, DetectionEvents.Place(d.Country, d.Asn), DetectionEvents.Span(span), stats.MaxPerUser);
        d.MitreTechnique = "T1110.003";
        d.Recommendation = "Block the address (Block-OktaIpAddress), then check the targeted users for a later successful sign-in (rule SuccessAfterAttack).";
        context.Report(d);
    }

    public void Complete(DetectionContext context)
    {
    }
}
