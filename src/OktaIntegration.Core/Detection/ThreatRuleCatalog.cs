using System;
using System.Collections.Generic;
using System.Linq;
using OktaIntegration.Core.Detection.Rules;

namespace OktaIntegration.Core.Detection;

/// <summary>Every rule, in the order of the issue's list; -Rule and -ExcludeRule choose among their names.</summary>
public static class ThreatRuleCatalog
{
    private static readonly Func<DetectionSettings, IThreatRule>[] Factories =
    {
        s => new ImpossibleTravelRule(s),
        s => new MfaPushFatigueRule(s),
        s => new PasswordSprayRule(s),
        s => new DistributedPasswordSprayRule(s),
        s => new CredentialStuffingRule(s),
        s => new BruteForceRule(s),
        s => new SuccessAfterAttackRule(s),
        s => new AdminPrivilegeGrantedRule(s),
        s => new ApiTokenCreatedRule(s),
        s => new MfaFactorResetRule(s),
        s => new SessionHijackRule(s),
        s => new ThreatInsightRule(s),
        s => new SuspiciousActivityReportedRule(s),
        s => new SecurityConfigTamperingRule(s),
        s => new NewSignInContextRule(s),
    };

    private static readonly Lazy<IReadOnlyList<IThreatRule>> DefaultRules = new(() => Factories.Select(f => f(DetectionSettings.CreateDefault())).ToArray());

    /// <summary>The rule names, in order.</summary>
    public static IReadOnlyList<string> Names => DefaultRules.Value.Select(r => r.Name).ToArray();

    /// <summary>Name and one-line description of every rule (for completion and help).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Descriptions => DefaultRules.Value.Select(r => new KeyValuePair<string, string>(r.Name, r.Description)).ToArray();

    /// <summary>
    /// The rules to run: all, or those named in <paramref name="include"/>, minus <paramref name="exclude"/>.
    /// Names are matched without regard to case and may use * wildcards; a name that matches no rule is an error.
    /// </summary>
    public static IReadOnlyList<IThreatRule> Create(DetectionSettings settings, IEnumerable<string>? include = null, IEnumerable<string>? exclude = null)
    {
        var all = Factories.Select(f => f(settings)).ToList();
        var chosen = all;
        var inc = include?.Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
        if (inc != null && inc.Count > 0) chosen = all.Where(r => inc.Any(n => Matches(r.Name, n))).ToList();
        foreach (var name in (inc ?? new List<string>()).Concat(exclude ?? Enumerable.Empty<string>()))
        {
            if (!string.IsNullOrWhiteSpace(name) && !all.Any(r => Matches(r.Name, name)))
                throw new ArgumentException($"There is no rule '{name}'. Rules: {string.Join(", ", all.Select(r => r.Name))}.");
        }
        if (exclude != null) chosen = chosen.Where(r => !exclude.Any(n => Matches(r.Name, n))).ToList();
        return chosen;
    }

    private static bool Matches(string ruleName, string pattern)
    {
        pattern = pattern.Trim();
        if (pattern.IndexOf('*') < 0) return string.Equals(ruleName, pattern, StringComparison.OrdinalIgnoreCase);
        var regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*") + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(ruleName, regex, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }
}
