using System;
using System.Collections.Generic;
using System.Text.Json;

namespace OktaIntegration.Core.Connection.Settings;

/// <summary>
/// The line of every property and array item of a JSON text, keyed by its path (orgs[1].credential.env),
/// so a settings error can say where to look: JsonDocument keeps no positions, the reader does.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private JsonLineMap()
    {
    }

    public int? LineOf(string path) => _lines.TryGetValue(path, out var line) ? line : null;

    public static JsonLineMap Read(byte[] utf8, JsonReaderOptions options)
    {
        var map = new JsonLineMap();
        var newlines = new List<int>();
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n') newlines.Add(i);
        }
        int LineAt(long offset)
        {
            var index = newlines.BinarySearch((int)offset);
            return (index < 0 ? ~index : index) + 1;
        }

        var reader = new Utf8JsonReader(utf8, options);
        var stack = new Stack<Frame>();
        var property = string.Empty;
        string ValuePath() => stack.Count == 0 ? string.Empty : stack.Peek().IsArray ? $"{stack.Peek().Path}[{stack.Peek().Index}]" : property;
        void AfterValue()
        {
            if (stack.Count > 0 && stack.Peek().IsArray) stack.Peek().Index++;
        }

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                {
                    var parent = stack.Count == 0 ? string.Empty : stack.Peek().Path;
                    property = parent.Length == 0 ? reader.GetString()! : parent + "." + reader.GetString();
                    map._lines[property] = LineAt(reader.TokenStartIndex);
                    break;
                }
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                {
                    var path = ValuePath();
                    if (!map._lines.ContainsKey(path)) map._lines[path] = LineAt(reader.TokenStartIndex);
                    stack.Push(new Frame(reader.TokenType == JsonTokenType.StartArray, path));
                    break;
                }
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    stack.Pop();
                    AfterValue();
                    break;
                case JsonTokenType.Comment:
                    break;
                default:
                    if (stack.Count > 0 && stack.Peek().IsArray) map._lines[ValuePath()] = LineAt(reader.TokenStartIndex);
                    AfterValue();
                    break;
            }
        }
        return map;
    }

    private sealed class Frame
    {
        public Frame(bool isArray, string path)
        {
            IsArray = isArray;
            Path = path;
        }

        public bool IsArray { get; }

        public string Path { get; }

        public int Index { get; set; }
    }
}
