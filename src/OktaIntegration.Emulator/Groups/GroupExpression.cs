using System;
using System.Collections.Generic;
using System.Globalization;
using OktaIntegration.Emulator.Data;

namespace OktaIntegration.Emulator.Groups;

/// <summary>
/// The small expression language of /api/v1/groups <c>search</c> and <c>filter</c>:
/// <c>attr op "value"</c> terms joined by <c>and</c>/<c>or</c>, with parentheses. Attribute
/// names are case-sensitive, operators are not, string comparison ignores case (as Okta's
/// search does). <c>filter</c> accepts only id, type, lastUpdated and lastMembershipUpdated;
/// <c>search</c> accepts those plus created, source.id and any profile attribute, and
/// <c>co</c> only on profile.name and profile.description.
/// </summary>
internal sealed class GroupExpression
{
    private static readonly HashSet<string> FilterAttributes = new(StringComparer.Ordinal) { "id", "type", "lastUpdated", "lastMembershipUpdated" };
    private static readonly HashSet<string> DateAttributes = new(StringComparer.Ordinal) { "created", "lastUpdated", "lastMembershipUpdated" };
    private readonly string _text;
    private readonly bool _isFilter;
    private int _pos;

    private GroupExpression(string text, bool isFilter)
    {
        _text = text;
        _isFilter = isFilter;
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> with a message fit for errorCauses.</summary>
    public static Func<EmulatedGroup, bool> Parse(string text, bool isFilter)
    {
        var parser = new GroupExpression(text, isFilter);
        var predicate = parser.ParseOr();
        parser.SkipSpaces();
        if (parser._pos < text.Length) throw new FormatException($"Unexpected text at position {parser._pos}: '{text.Substring(parser._pos)}'.");
        return predicate;
    }

    private Func<EmulatedGroup, bool> ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or"))
        {
            var l = left;
            var r = ParseAnd();
            left = g => l(g) || r(g);
        }
        return left;
    }

    private Func<EmulatedGroup, bool> ParseAnd()
    {
        var left = ParseTerm();
        while (TryKeyword("and"))
        {
            var l = left;
            var r = ParseTerm();
            left = g => l(g) && r(g);
        }
        return left;
    }

    private Func<EmulatedGroup, bool> ParseTerm()
    {
        SkipSpaces();
        if (_pos < _text.Length && _text[_pos] == '(')
        {
            _pos++;
            var inner = ParseOr();
            SkipSpaces();
            if (_pos >= _text.Length || _text[_pos] != ')') throw new FormatException("A parenthesis is not closed.");
            _pos++;
            return inner;
        }
        var attribute = ReadWord();
        if (attribute.Length == 0) throw new FormatException($"An attribute name is expected at position {_pos}.");
        var op = ReadWord().ToLowerInvariant();
        var value = ReadQuoted();
        return Compile(attribute, op, value);
    }

    private Func<EmulatedGroup, bool> Compile(string attribute, string op, string value)
    {
        if (_isFilter && !FilterAttributes.Contains(attribute))
            throw new FormatException($"Invalid filter attribute '{attribute}'; filter supports only id, type, lastUpdated and lastMembershipUpdated.");
        if (!_isFilter && !(FilterAttributes.Contains(attribute) || attribute == "created" || attribute == "source.id" || attribute.StartsWith("profile.", StringComparison.Ordinal)))
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
            case "sw" when !_isFilter:
                return g => read(g)?.StartsWith(value, StringComparison.OrdinalIgnoreCase) == true;
            case "co" when !_isFilter && (attribute == "profile.name" || attribute == "profile.description"):
                return g => read(g)?.IndexOf(value, StringComparison.OrdinalIgnoreCase) >= 0;
            default:
                throw new FormatException($"Operator '{op}' is not supported for {attribute}{(op == "co" ? "; co works only on profile.name and profile.description" : string.Empty)}.");
        }
    }

    private bool TryKeyword(string keyword)
    {
        SkipSpaces();
        var end = _pos + keyword.Length;
        if (end <= _text.Length && string.Compare(_text, _pos, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0
            && (end == _text.Length || char.IsWhiteSpace(_text[end]) || _text[end] == '('))
        {
            _pos = end;
            return true;
        }
        return false;
    }

    private string ReadWord()
    {
        SkipSpaces();
        var start = _pos;
        while (_pos < _text.Length && !char.IsWhiteSpace(_text[_pos]) && _text[_pos] != '(' && _text[_pos] != ')' && _text[_pos] != '"') _pos++;
        return _text.Substring(start, _pos - start);
    }

    private string ReadQuoted()
    {
        SkipSpaces();
        if (_pos >= _text.Length || _text[_pos] != '"') throw new FormatException($"A double-quoted value is expected at position {_pos}.");
        _pos++;
        var sb = new System.Text.StringBuilder();
        while (_pos < _text.Length && _text[_pos] != '"')
        {
            if (_text[_pos] == '\\' && _pos + 1 < _text.Length) _pos++;
            sb.Append(_text[_pos++]);
        }
        if (_pos >= _text.Length) throw new FormatException("A quoted value is not closed.");
        _pos++;
        return sb.ToString();
    }

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }
}
