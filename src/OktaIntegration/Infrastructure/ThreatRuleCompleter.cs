using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using OktaIntegration.Core.Detection;

namespace OktaIntegration.Infrastructure;

/// <summary>Tab completion for -Rule and -ExcludeRule: the rule names, with what each detects.</summary>
public sealed class ThreatRuleCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var pattern = new WildcardPattern(word.EndsWith("*", StringComparison.Ordinal) ? word : word + "*", WildcardOptions.IgnoreCase);
        return ThreatRuleCatalog.Descriptions
            .Where(r => pattern.IsMatch(r.Key))
            .Select(r => new CompletionResult(r.Key, r.Key, CompletionResultType.ParameterValue, $"{r.Key} — {r.Value}"));
    }
}
