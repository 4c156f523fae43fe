using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace OktaIntegration.Emulator.Zones;

/// <summary>
/// The zones list filter: <c>id</c>, <c>usage</c> and <c>system</c> with <c>eq</c>, joined by
/// <c>and</c>/<c>or</c> (and binds tighter), e.g. <c>usage eq "BLOCKLIST" and system eq true</c>.
/// </summary>
internal sealed class ZoneFilter
{
    private static readonly Regex Clause = new(@"^\s*(id|usage|system)\s+eq\s+(""[^""]*""|true|false)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private readonly List<List<(string Field, string Value)>> _anyOf;

    private ZoneFilter(List<List<(string, string)>> anyOf)
    {
        _anyOf = anyOf;
    }

    /// <summary>Null when the text is not a filter this endpoint supports.</summary>
    public static ZoneFilter? Parse(string text)
    {
        var groups = new List<List<(string, string)>>();
        foreach (var group in Regex.Split(text, @"\s+or\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
        {
            var clauses = new List<(string, string)>();
            foreach (var part in Regex.Split(group, @"\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            {
                var match = Clause.Match(part);
                // Attribute names are case-sensitive on Okta; operators are not.
                if (!match.Success || match.Groups[1].Value != match.Groups[1].Value.ToLowerInvariant()) return null;
                clauses.Add((match.Groups[1].Value, match.Groups[2].Value.Trim('"')));
            }
            groups.Add(clauses);
        }
        return new ZoneFilter(groups);
    }

    public bool Matches(EmulatedZone zone) => _anyOf.Any(all => all.All(c => c.Field switch
    {
        "id" => zone.Id == c.Value,
        "usage" => string.Equals(zone.Usage, c.Value, StringComparison.Ordinal),
        "system" => zone.System == string.Equals(c.Value, "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    }));
}
