using System.Collections.Generic;
using OktaIntegration.Core.Detection;

namespace OktaIntegration.Infrastructure;

/// <summary>Tab completion for -Rule and -ExcludeRule: the rule names, with what each detects.</summary>
public sealed class ThreatRuleCompleter : CatalogCompleter
{
    protected override IEnumerable<KeyValuePair<string, string>> Catalog => ThreatRuleCatalog.Descriptions;
}
