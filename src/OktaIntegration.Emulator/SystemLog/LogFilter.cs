using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace OktaIntegration.Emulator.SystemLog;

/// <summary>
/// Okta's System Log <c>filter</c>: <c>attribute op value</c> expressions joined by <c>and</c> /
/// <c>or</c>, negated by <c>not</c>, grouped with parentheses; operators eq ne gt ge lt le pr sw co
/// ew, case-insensitive; attribute names case-sensitive dotted paths into the LogEvent, matching
/// any element of an array (target.id). Refuses what Okta refuses (published, changeDetails,
/// co on debugData url/requestUri, unknown fields, bad operators) with Okta's codes.
/// </summary>
public sealed class LogFilter
{
    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal) { "eq", "ne", "gt", "ge", "lt", "le", "pr", "sw", "co", "ew" };

    private static readonly HashSet<string> TopLevel = new(StringComparer.Ordinal)
    {
        "uuid", "eventType", "legacyEventType", "displayMessage", "severity", "version", "actor", "client", "device", "outcome",
        "target", "transaction", "debugContext", "authenticationContext", "securityContext", "request",
    };

    private static readonly string[] SeverityOrder = { "DEBUG", "INFO", "WARN", "ERROR" };

    private readonly Node _root;

    private LogFilter(Node root)
    {
        _root = root;
    }

    /// <summary>True when the whole filter is one <c>eventType eq "x"</c> (or an or of them): lets the store skip parsing JSON.</summary>
    public HashSet<string>? EventTypesOnly { get; private set; }

    public static LogFilter Parse(string text)
    {
        var parser = new Parser(text);
        var root = parser.ParseExpression();
        parser.ExpectEnd();
        var filter = new LogFilter(root);
        var types = new HashSet<string>(StringComparer.Ordinal);
        if (CollectEventTypes(root, types)) filter.EventTypesOnly = types;
        return filter;
    }

    public bool Matches(StoredLogEvent e)
    {
        if (EventTypesOnly != null) return EventTypesOnly.Contains(e.EventType);
        using var doc = JsonDocument.Parse(e.Json);
        return _root.Evaluate(doc.RootElement);
    }

    private static bool CollectEventTypes(Node node, HashSet<string> types) => node switch
    {
        Compare { Path: ["eventType"], Op: "eq", Value: { ValueKind: JsonValueKind.String } v } => types.Add(v.GetString()!) || true,
        Or or => CollectEventTypes(or.Left, types) && CollectEventTypes(or.Right, types),
        _ => false,
    };

    private abstract class Node
    {
        public abstract bool Evaluate(JsonElement root);
    }

    private sealed class And : Node
    {
        public And(Node left, Node right)
        {
            Left = left;
            Right = right;
        }

        public Node Left { get; }

        public Node Right { get; }

        public override bool Evaluate(JsonElement root) => Left.Evaluate(root) && Right.Evaluate(root);
    }

    private sealed class Or : Node
    {
        public Or(Node left, Node right)
        {
            Left = left;
            Right = right;
        }

        public Node Left { get; }

        public Node Right { get; }

        public override bool Evaluate(JsonElement root) => Left.Evaluate(root) || Right.Evaluate(root);
    }

    private sealed class Not : Node
    {
        public Not(Node inner)
        {
            Inner = inner;
        }

        public Node Inner { get; }

        public override bool Evaluate(JsonElement root) => !Inner.Evaluate(root);
    }

    private sealed class Compare : Node
    {
        public Compare(string[] path, string op, JsonElement? value)
        {
            Path = path;
            Op = op;
            Value = value;
        }

        public string[] Path { get; }

        public string Op { get; }

        public JsonElement? Value { get; }

        public override bool Evaluate(JsonElement root)
        {
            var found = new List<JsonElement>();
            Collect(root, 0, found);
            foreach (var actual in found)
            {
                if (Test(actual)) return true;
            }
            return false;
        }

        private void Collect(JsonElement current, int depth, List<JsonElement> found)
        {
            if (current.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in current.EnumerateArray()) Collect(item, depth, found);
                return;
            }
            if (depth == Path.Length)
            {
                found.Add(current);
                return;
            }
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(Path[depth], out var next)) Collect(next, depth + 1, found);
        }

        private bool Test(JsonElement actual)
        {
            if (Op == "pr") return actual.ValueKind != JsonValueKind.Null;
            var expected = Value!.Value;
            if (actual.ValueKind == JsonValueKind.Null || expected.ValueKind == JsonValueKind.Null)
                return Op == "eq" ? actual.ValueKind == expected.ValueKind : Op == "ne" && actual.ValueKind != expected.ValueKind;
            int order;
            if (actual.ValueKind == JsonValueKind.Number && expected.ValueKind == JsonValueKind.Number)
            {
                order = actual.GetDouble().CompareTo(expected.GetDouble());
            }
            else
            {
                var a = Text(actual);
                var b = Text(expected);
                switch (Op)
                {
                    case "sw": return a.StartsWith(b, StringComparison.Ordinal);
                    case "ew": return a.EndsWith(b, StringComparison.Ordinal);
                    case "co": return a.IndexOf(b, StringComparison.Ordinal) >= 0;
                }
                order = Path.Length == 1 && Path[0] == "severity" && Array.IndexOf(SeverityOrder, a) >= 0 && Array.IndexOf(SeverityOrder, b) >= 0
                    ? Array.IndexOf(SeverityOrder, a).CompareTo(Array.IndexOf(SeverityOrder, b))
                    : string.CompareOrdinal(a, b);
            }
            return Op switch
            {
                "eq" => order == 0,
                "ne" => order != 0,
                "gt" => order > 0,
                "ge" => order >= 0,
                "lt" => order < 0,
                "le" => order <= 0,
                _ => false,
            };
        }

        private static string Text(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString() ?? string.Empty,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => e.GetRawText(),
        };
    }

    private sealed class Parser
    {
        private readonly string _text;
        private int _pos;

        public Parser(string text)
        {
            _text = text;
        }

        public Node ParseExpression()
        {
            var left = ParseAnd();
            while (TryKeyword("or")) left = new Or(left, ParseAnd());
            return left;
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (_pos < _text.Length) throw Invalid($"Unexpected '{Peek()}' at position {_pos}");
        }

        private Node ParseAnd()
        {
            var left = ParseUnary();
            while (TryKeyword("and")) left = new And(left, ParseUnary());
            return left;
        }

        private Node ParseUnary()
        {
            if (TryKeyword("not")) return new Not(ParseUnary());
            SkipSpace();
            if (_pos < _text.Length && _text[_pos] == '(')
            {
                _pos++;
                var inner = ParseExpression();
                SkipSpace();
                if (_pos >= _text.Length || _text[_pos] != ')') throw Invalid($"Missing ')' at position {_pos}");
                _pos++;
                return inner;
            }
            return ParseComparison();
        }

        private Node ParseComparison()
        {
            SkipSpace();
            var attributeStart = _pos;
            var attribute = Word();
            if (attribute.Length == 0) throw Invalid($"Expected an attribute at position {attributeStart}");
            ValidateAttribute(attribute);
            SkipSpace();
            var opStart = _pos;
            var op = Word().ToLowerInvariant();
            if (!Operators.Contains(op))
                throw Invalid($"Unrecognized attribute operator '{_text.Substring(opStart, _pos - opStart)}' at position {opStart}. Expected: eq,co,sw,pr,gt,ge,lt,le");
            if (op == "co" && (attribute == "debugContext.debugData.url" || attribute == "debugContext.debugData.requestUri"))
                throw new LogFilterException("E0000031", $"Invalid search criteria. The supplied combination of operator and field is not currently supported: {attribute} co");
            if (op == "pr") return new Compare(attribute.Split('.'), op, null);
            SkipSpace();
            return new Compare(attribute.Split('.'), op, ParseValue());
        }

        private JsonElement ParseValue()
        {
            var start = _pos;
            if (_pos < _text.Length && _text[_pos] == '"')
            {
                _pos++;
                while (_pos < _text.Length && _text[_pos] != '"')
                {
                    if (_text[_pos] == '\\') _pos++;
                    _pos++;
                }
                if (_pos >= _text.Length) throw Invalid($"Unterminated string starting at position {start}");
                _pos++;
            }
            else
            {
                Word();
            }
            var literal = _text.Substring(start, _pos - start);
            if (literal.Length == 0) throw Invalid($"Expected a value at position {start}");
            try
            {
                using var doc = JsonDocument.Parse(literal);
                if (doc.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array) throw Invalid($"Invalid value '{literal}' at position {start}");
                return doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw Invalid($"Invalid value '{literal}' at position {start}; strings must be in double quotes");
            }
        }

        private void ValidateAttribute(string attribute)
        {
            var first = attribute.Split('.')[0];
            if (attribute == "published" || first == "published")
                throw new LogFilterException("E0000053", $"Invalid filter '{_text}': published is not a valid filter field; use the since and until parameters instead");
            if (attribute.Contains(".changeDetails"))
                throw new LogFilterException("E0000053", $"Invalid filter '{_text}': field is not valid: {attribute}");
            if (!TopLevel.Contains(first) || attribute.EndsWith(".", StringComparison.Ordinal) || attribute.Contains(".."))
                throw new LogFilterException("E0000053", $"field is not valid: {attribute}");
        }

        private bool TryKeyword(string keyword)
        {
            SkipSpace();
            if (_pos + keyword.Length > _text.Length || string.Compare(_text, _pos, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) != 0) return false;
            var end = _pos + keyword.Length;
            if (end < _text.Length && !char.IsWhiteSpace(_text[end]) && _text[end] != '(') return false;
            _pos = end;
            return true;
        }

        private string Word()
        {
            var start = _pos;
            while (_pos < _text.Length && !char.IsWhiteSpace(_text[_pos]) && _text[_pos] != '(' && _text[_pos] != ')' && _text[_pos] != '"') _pos++;
            return _text.Substring(start, _pos - start);
        }

        private void SkipSpace()
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : ' ';

        private LogFilterException Invalid(string detail) =>
            new("E0000053", string.Create(CultureInfo.InvariantCulture, $"Invalid filter '{_text}': {detail}"));
    }
}
