using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OktaIntegration.Infrastructure;

/// <summary>Tab completion for the Okta API scopes this module's cmdlets use.</summary>
public sealed class ScopeCompleter : IArgumentCompleter
{
    internal static readonly string[] Scopes =
    {
        "okta.logs.read", "okta.groups.read", "okta.groups.manage", "okta.users.read", "okta.users.manage",
        "okta.networkZones.read", "okta.networkZones.manage", "okta.roles.read", "okta.roles.manage",
        "okta.sessions.read", "okta.sessions.manage",
    };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Scopes.Where(s => s.StartsWith(wordToComplete ?? string.Empty, System.StringComparison.OrdinalIgnoreCase))
            .Select(s => new CompletionResult(s, s, CompletionResultType.ParameterValue, s));
}
