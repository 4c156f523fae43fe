using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// Tab completion from a fixed catalog of names: what was typed is a prefix, or a wildcard
/// pattern when it contains *, matched without regard to case; the tooltip says what the name is.
/// </summary>
public abstract class CatalogCompleter : IArgumentCompleter
{
    /// <summary>The names to offer, each with a short description (empty when there is none).</summary>
    protected abstract IEnumerable<KeyValuePair<string, string>> Catalog { get; }

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var pattern = new WildcardPattern(word.EndsWith("*", StringComparison.Ordinal) ? word : word + "*", WildcardOptions.IgnoreCase);
        return Catalog
            .Where(entry => pattern.IsMatch(entry.Key))
            .Select(entry => new CompletionResult(entry.Key, entry.Key, CompletionResultType.ParameterValue,
                entry.Value.Length > 0 ? $"{entry.Key} — {entry.Value}" : entry.Key));
    }
}
