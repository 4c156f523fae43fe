using System.Collections.Generic;
using System.Linq;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Infrastructure;

/// <summary>Tab completion for -EventType from the event-type catalog (prefix or wildcard match).</summary>
public sealed class EventTypeCompleter : CatalogCompleter
{
    protected override IEnumerable<KeyValuePair<string, string>> Catalog =>
        LogEventCategories.KnownEventTypes.Select(t => new KeyValuePair<string, string>(t, LogEventCategories.Describe(t) ?? string.Empty));
}
