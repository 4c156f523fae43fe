using System;
using System.Collections.Generic;
using System.Globalization;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Emulator.Infrastructure;

namespace OktaIntegration.Emulator.Groups;

/// <summary>
/// The small expression language of /api/v1/groups <c>search</c> and <c>filter</c>:
/// <c>attr op "value"</c> terms joined by <c>and</c>/<c>or</c>, with parentheses. Attribute
/// names are case-sensitive, operators are not, string comparison ignores case (as Okta's
/// search does). <c>filter</c> accepts only id, type, lastUpdated and lastMembershipUpdated;
/// <c>search</c> accepts those plus created, source.id and any profile attribute, and
/// <c>co</c> only on profile.name and profile.description.
/// </summary>
internal sealed class GroupExpression : ExpressionParser<EmulatedGroup>
{
    private static readonly HashSet<string> FilterAttributes = new(StringComparer.Ordinal) { "id", "type", "lastUpdated", "lastMembershipUpdated" };
    private static readonly HashSet<string> DateAttributes = new(StringComparer.Ordinal) { "created", "lastUpdated", "lastMembershipUpdated" };
    private GroupExpression(string text, bool isFilter)
        : base(text, isFilter)
    {
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> with a message fit for errorCauses.</summary>
    public static Func<EmulatedGroup, bool> Parse(string text, bool isFilter) => new GroupExpression(text, isFilter).ParseWhole();

    protected override Func<EmulatedGroup, bool> CompileTerm(string attribute, string op)
    {
        return Compile(attribute, op, ReadQuoted());
    }

    private Func<EmulatedGroup, bool> Compile(string attribute, string op, string value)
    {
        if (IsFilter && !FilterAttributes.Contains(attribute))
            throw new FormatException($"Invalid filter attribute '{attribute}'; filter supports only id, type, lastUpdated and lastMembershipUpdated.");
        if (!IsFilter && !(FilterAttributes.Contains(attribute) || attribute == "created" || attribute == "source.id" || attribute.StartsWith("profile.", StringComparison.Ordinal)))
            throw new FormatException($"Invalid search attribute '{attribute}'.");

        if (DateAttributes.Contains(attribute))
        {
            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
                throw new FormatException($"'{value}' is not a valid date for {attribute}.");
            Func<EmulatedGroup, DateTimeOffset> get = attribute switch
            {
                "created" => g => g.Created,
                "lastUpdated" => g => g.LastUpdated,
                _ => g => g.LastMembershipUpdated,
            };
            return op switch
            {
                "eq" => g => get(g) == when,
                "gt" => g => get(g) > when,
                "ge" => g => get(g) >= when,
                "lt" => g => get(g) < when,
                "le" => g => get(g) <= when,
                _ => throw new FormatException($"Operator '{op}' is not supported for {attribute}."),
            };
        }

        Func<EmulatedGroup, string?> read = attribute switch
        {
            "id" => g => g.Id,
            "type" => g => g.Type,
            "source.id" => g => g.SourceAppId,
            "profile.name" => g => g.Name,
            "profile.description" => g => g.Description,
            _ => g => g.ExtraProfile.TryGetValue(attribute.Substring("profile.".Length), out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture) : null,
        };
        switch (op)
        {
            case "eq":
                return g => string.Equals(read(g), value, StringComparison.OrdinalIgnoreCase);
            case "sw" when !IsFilter:
                return g => read(g)?.StartsWith(value, StringComparison.OrdinalIgnoreCase) == true;
            case "co" when !IsFilter && (attribute == "profile.name" || attribute == "profile.description"):
                return g => read(g)?.IndexOf(value, StringComparison.OrdinalIgnoreCase) >= 0;
            default:
                throw new FormatException($"Operator '{op}' is not supported for {attribute}{(op == "co" ? "; co works only on profile.name and profile.description" : string.Empty)}.");
        }
    }
}
