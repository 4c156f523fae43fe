using System;
using System.Text;

namespace OktaIntegration.Emulator.Infrastructure;

/// <summary>
/// The grammar Okta's <c>search</c> and <c>filter</c> expressions share on users and groups:
/// terms joined by <c>and</c>/<c>or</c> (keywords in any case) with parentheses, a term being an
/// attribute name and an operator, usually followed by a double-quoted value. Which attributes and
/// operators a resource allows, and what a term means, are the resource's: <see cref="CompileTerm"/>.
/// Errors are <see cref="FormatException"/> with a message fit for errorCauses.
/// </summary>
internal abstract class ExpressionParser<T>
{
    private readonly string _text;
    private int _pos;

    protected ExpressionParser(string text, bool isFilter)
    {
        _text = text;
        IsFilter = isFilter;
    }

    /// <summary>True for <c>filter</c>, which Okta restricts more than <c>search</c>.</summary>
    protected bool IsFilter { get; }

    /// <summary>The whole text as one predicate; text left over after it is an error.</summary>
    protected Func<T, bool> ParseWhole()
    {
        var predicate = ParseOr();
        SkipSpaces();
        if (_pos < _text.Length) throw new FormatException($"Unexpected text at position {_pos}: '{_text.Substring(_pos)}'.");
        return predicate;
    }

    /// <summary>One term, after its attribute and operator (lower case) were read; reads its value with <see cref="ReadQuoted"/> if it has one.</summary>
    protected abstract Func<T, bool> CompileTerm(string attribute, string op);

    private Func<T, bool> ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or"))
        {
            var l = left;
            var r = ParseAnd();
            left = x => l(x) || r(x);
        }
        return left;
    }

    private Func<T, bool> ParseAnd()
    {
        var left = ParseTerm();
        while (TryKeyword("and"))
        {
            var l = left;
            var r = ParseTerm();
            left = x => l(x) && r(x);
        }
        return left;
    }

    private Func<T, bool> ParseTerm()
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
        return CompileTerm(attribute, op);
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

    /// <summary>A double-quoted value; a backslash takes the next character as it is.</summary>
    protected string ReadQuoted()
    {
        SkipSpaces();
        if (_pos >= _text.Length || _text[_pos] != '"') throw new FormatException($"A double-quoted value is expected at position {_pos}.");
        _pos++;
        var sb = new StringBuilder();
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
