using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.Infrastructure;

/// <summary>Tab completion for the Okta API scopes this module's cmdlets use.</summary>
public sealed class ScopeCompleter : CatalogCompleter
{
    internal static readonly string[] Scopes =
    {
        "okta.logs.read", "okta.groups.read", "okta.groups.manage", "okta.users.read", "okta.users.manage",
        "okta.networkZones.read", "okta.networkZones.manage", "okta.roles.read", "okta.roles.manage",
        "okta.sessions.read", "okta.sessions.manage",
    };

    protected override IEnumerable<KeyValuePair<string, string>> Catalog => Scopes.Select(s => new KeyValuePair<string, string>(s, string.Empty));
}
