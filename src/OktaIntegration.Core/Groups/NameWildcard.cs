using System;
using System.Text;
using System.Text.RegularExpressions;

namespace OktaIntegration.Core.Groups;

/// <summary>
/// PowerShell-style wildcards (<c>*</c>, <c>?</c>, <c>[abc]</c>, backtick escapes), matched
/// case-insensitively, without a PowerShell reference. Used for -Name and -ExcludeUser.
/// </summary>
public sealed class NameWildcard
{
    private readonly Regex? _regex;
    private readonly string _literal;

    public NameWildcard(string pattern)
    {
        Pattern = pattern;
        HasWildcards = ContainsWildcard(pattern);
        _literal = Unescape(pattern);
        if (HasWildcards) _regex = new Regex(ToRegex(pattern), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    public string Pattern { get; }

    public bool HasWildcards { get; }

    /// <summary>The literal text before the first wildcard (the part a server-side <c>sw</c> search can use).</summary>
    public string LiteralPrefix
    {
        get
        {
            var sb = new StringBuilder();
            for (var i = 0; i < Pattern.Length; i++)
            {
                var c = Pattern[i];
                if (c == '`' && i + 1 < Pattern.Length) sb.Append(Pattern[++i]);
                else if (c is '*' or '?' or '[') break;
                else sb.Append(c);
            }
            return sb.ToString();
        }
    }

    /// <summary>True when the only wildcard is one trailing <c>*</c> (so <c>sw</c> on the prefix is an exact translation).</summary>
    public bool IsPrefixOnly => HasWildcards && Pattern.EndsWith("*", StringComparison.Ordinal) && !ContainsWildcard(Pattern.Substring(0, Pattern.Length - 1))
        && !Pattern.EndsWith("`*", StringComparison.Ordinal);

    public bool IsMatch(string? value) =>
        value != null && (_regex?.IsMatch(value) ?? string.Equals(value, _literal, StringComparison.OrdinalIgnoreCase));

    public static bool ContainsWildcard(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '`') i++;
            else if (pattern[i] is '*' or '?' or '[') return true;
        }
        return false;
    }

    private static string Unescape(string pattern)
    {
        var sb = new StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++) sb.Append(pattern[i] == '`' && i + 1 < pattern.Length ? pattern[++i] : pattern[i]);
        return sb.ToString();
    }

    private static string ToRegex(string pattern)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '`' && i + 1 < pattern.Length)
            {
                sb.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else if (c == '*')
            {
                sb.Append(".*");
            }
            else if (c == '?')
            {
                sb.Append('.');
            }
            else if (c == '[' && pattern.IndexOf(']', i + 1) is var close && close > i + 1)
            {
                var set = pattern.Substring(i + 1, close - i - 1);
                sb.Append('[').Append(set.Replace("\\", "\\\\").Replace("^", "\\^").Replace("[", "\\[")).Append(']');
                i = close;
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }
        return sb.Append('$').ToString();
    }
}
