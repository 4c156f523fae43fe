using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace OktaIntegration.Core.Rest;

/// <summary>
/// JSON to and from plain .NET values (ordered dictionaries, lists, strings, numbers, booleans,
/// null), so the cmdlets assembly, which must not reference System.Text.Json, can turn Okta's
/// answers into PowerShell objects and hashtables into request bodies.
/// </summary>
public static class PlainJson
{
    /// <summary>
    /// Parses <paramref name="json"/>: objects become <see cref="List{T}"/> of name/value pairs in
    /// document order, arrays <see cref="List{T}"/> of values (an <see cref="JsonArrayValues"/>),
    /// integers <see cref="long"/> (or <see cref="decimal"/>/<see cref="double"/> when they do not fit).
    /// </summary>
    /// <exception cref="Http.ResponseBodyException">The text is not JSON.</exception>
    public static object? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return ToPlain(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new Http.ResponseBodyException("The response is not JSON; use -OutputType Json to see it as text.", ex);
        }
    }

    private static object? ToPlain(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new JsonObjectValues();
                foreach (var property in element.EnumerateObject()) properties.Add(new KeyValuePair<string, object?>(property.Name, ToPlain(property.Value)));
                return properties;
            case JsonValueKind.Array:
                var items = new JsonArrayValues();
                foreach (var item in element.EnumerateArray()) items.Add(ToPlain(item));
                return items;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var whole)) return whole;
                if (element.TryGetDecimal(out var exact)) return exact;
                return element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    /// <summary>
    /// Writes plain values as JSON: <see cref="IDictionary"/> and <see cref="JsonObjectValues"/> as
    /// objects, other <see cref="IEnumerable"/> (not strings) as arrays, dates as ISO 8601, enums
    /// by name, anything else by its invariant string form.
    /// </summary>
    public static string Serialize(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, value, 0);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, object? value, int depth)
    {
        if (depth > 64) throw new ArgumentException("The body is nested more than 64 levels deep (a reference cycle?).");
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case Enum named:
                writer.WriteStringValue(named.ToString());
                break;
            case DateTimeOffset moment:
                writer.WriteStringValue(moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                break;
            case DateTime moment:
                writer.WriteStringValue((moment.Kind == DateTimeKind.Unspecified ? moment : moment.ToUniversalTime()).ToString(moment.Kind == DateTimeKind.Unspecified ? "yyyy-MM-dd'T'HH:mm:ss.fff" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                break;
            case byte or sbyte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong big:
                writer.WriteNumberValue(big);
                break;
            case float or double:
                writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case decimal exact:
                writer.WriteNumberValue(exact);
                break;
            case JsonObjectValues pairs:
                writer.WriteStartObject();
                foreach (var pair in pairs)
                {
                    writer.WritePropertyName(pair.Key);
                    Write(writer, pair.Value, depth + 1);
                }
                writer.WriteEndObject();
                break;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    Write(writer, entry.Value, depth + 1);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable sequence:
                writer.WriteStartArray();
                foreach (var item in sequence) Write(writer, item, depth + 1);
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}

/// <summary>A parsed JSON object: its properties in document order.</summary>
public sealed class JsonObjectValues : List<KeyValuePair<string, object?>>
{
}

/// <summary>A parsed JSON array.</summary>
public sealed class JsonArrayValues : List<object?>
{
}
