using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Groups;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// Tab completion of group names from the runspace's current connection: one unpaged
/// <c>q</c> request (Okta's auto-complete query), at most 2 seconds, and never an error; with
/// no connection or any failure it offers nothing.
/// </summary>
public sealed class GroupNameCompleter : IArgumentCompleter
{
    private const int MaxSuggestions = 50;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var connection = ConnectionRegistry.Current;
            if (connection == null || connection.IsDisposed) return Array.Empty<CompletionResult>();
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var prefix = new NameWildcard(typed).LiteralPrefix;
            using var timeout = new CancellationTokenSource(Budget);
            var names = Task.Run(() => new GroupReader(connection.Transport).SuggestNamesAsync(prefix, MaxSuggestions, timeout.Token))
                .GetAwaiter().GetResult();
            var pattern = new NameWildcard(NameWildcard.ContainsWildcard(typed) ? typed : typed + "*");
            return names.Where(pattern.IsMatch)
                .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n))
                .ToList();
        }
        catch (Exception)
        {
            // Completion must never surface an error in the middle of typing.
            return Array.Empty<CompletionResult>();
        }
    }

    private static string Quote(string name) =>
        name.Any(c => char.IsWhiteSpace(c) || "'\"`$(){}[];,&|<>@#*?".IndexOf(c) >= 0) ? "'" + name.Replace("'", "''") + "'" : name;
}
