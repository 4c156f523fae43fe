using System;
using System.Collections.Generic;
using System.Globalization;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Emulator.Infrastructure;

namespace OktaIntegration.Emulator.Posture;

/// <summary>
/// The expressions of GET /api/v1/users <c>search</c> and <c>filter</c>: <c>attr op "value"</c>
/// terms (or <c>attr pr</c>) joined by <c>and</c>/<c>or</c> with parentheses. Attribute names
/// are case-sensitive; operators and values are not. <c>filter</c> allows status, lastUpdated,
/// id and profile.login/email/firstName/lastName with eq only (lastUpdated also gt/ge/lt/le);
/// <c>search</c> allows any user property with eq, ne, gt, ge, lt, le, sw and pr. A date
/// comparison with a user who has no such date (never signed in) is false.
/// </summary>
internal sealed class UserExpression : ExpressionParser<EmulatedUser>
{
    private static readonly HashSet<string> FilterAttributes = new(StringComparer.Ordinal)
    {
        "status", "lastUpdated", "id", "profile.login", "profile.email", "profile.firstName", "profile.lastName",
    };

    private static readonly HashSet<string> DateAttributes = new(StringComparer.Ordinal)
    {
        "created", "activated", "statusChanged", "lastLogin", "lastUpdated", "passwordChanged",
    };

    private UserExpression(string text, bool isFilter)
        : base(text, isFilter)
    {
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> with a message fit for errorCauses.</summary>
    public static Func<EmulatedUser, bool> Parse(string text, bool isFilter) => new UserExpression(text, isFilter).ParseWhole();

    protected override Func<EmulatedUser, bool> CompileTerm(string attribute, string op)
    {
        if (op == "pr")
        {
            if (IsFilter) throw new FormatException("filter supports only eq (and gt/ge/lt/le on lastUpdated).");
            var get = Reader(attribute);
            return u => !string.IsNullOrEmpty(get(u));
        }
        return Compile(attribute, op, ReadQuoted());
    }

    private Func<EmulatedUser, bool> Compile(string attribute, string op, string value)
    {
        if (IsFilter && !FilterAttributes.Contains(attribute))
            throw new FormatException($"Invalid filter attribute '{attribute}'; filter supports status, lastUpdated, id and profile.login, email, firstName, lastName.");
        if (IsFilter && op != "eq" && !(attribute == "lastUpdated" && op is "gt" or "ge" or "lt" or "le"))
            throw new FormatException($"filter supports only eq on {attribute}.");

        if (DateAttributes.Contains(attribute))
        {
            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
                throw new FormatException($"'{value}' is not a valid date for {attribute}.");
            Func<EmulatedUser, DateTimeOffset?> date = DateOf(attribute);
            return op switch
            {
                "eq" => u => date(u) == when,
                "ne" => u => date(u) != when,
                "gt" => u => date(u) > when,
                "ge" => u => date(u) >= when,
                "lt" => u => date(u) < when,
                "le" => u => date(u) <= when,
                _ => throw new FormatException($"Operator '{op}' is not supported for {attribute}."),
            };
        }

        var read = Reader(attribute);
        return op switch
        {
            "eq" => u => string.Equals(read(u), value, StringComparison.OrdinalIgnoreCase),
            "ne" => u => !string.Equals(read(u), value, StringComparison.OrdinalIgnoreCase),
            "sw" => u => read(u)?.StartsWith(value, StringComparison.OrdinalIgnoreCase) == true,
            "gt" => u => string.Compare(read(u), value, StringComparison.OrdinalIgnoreCase) > 0,
            "lt" => u => read(u) != null && string.Compare(read(u), value, StringComparison.OrdinalIgnoreCase) < 0,
            _ => throw new FormatException($"Operator '{op}' is not supported for {attribute}."),
        };
    }

    private static Func<EmulatedUser, DateTimeOffset?> DateOf(string attribute) => attribute switch
    {
        "created" => u => u.Created,
        "activated" => u => u.Status == "STAGED" ? null : u.ActivatedAt ?? u.Created.AddMinutes(5),
        "statusChanged" => u => u.StatusChanged,
        "lastLogin" => u => u.LastLogin,
        "lastUpdated" => u => u.LastUpdated,
        _ => u => u.Created.AddMinutes(6),
    };

    private static Func<EmulatedUser, string?> Reader(string attribute) => attribute switch
    {
        "id" => u => u.Id,
        "status" => u => u.Status,
        "type.id" => _ => "oty1defaultusertype",
        "profile.login" => u => u.Login,
        "profile.email" => u => u.Email,
        "profile.firstName" => u => u.FirstName,
        "profile.lastName" => u => u.LastName,
        "profile.department" => u => u.Department,
        "profile.title" => u => u.Title,
        _ when DateAttributes.Contains(attribute) => u => DateOf(attribute)(u)?.ToString("o", CultureInfo.InvariantCulture),
        _ when attribute.StartsWith("profile.", StringComparison.Ordinal) => _ => null,
        _ => throw new FormatException($"Invalid search attribute '{attribute}'."),
    };
}
