using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Infrastructure;

/// <summary>Tab completion for -EventType from the event-type catalog (prefix or wildcard match).</summary>
public sealed class EventTypeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var pattern = new WildcardPattern(word.EndsWith("*", StringComparison.Ordinal) ? word : word + "*", WildcardOptions.IgnoreCase);
        return LogEventCategories.KnownEventTypes
            .Where(t => pattern.IsMatch(t))
            .Select(t => new CompletionResult(t, t, CompletionResultType.ParameterValue, LogEventCategories.Describe(t) is { Length: > 0 } d ? $"{t} — {d}" : t));
    }
}
