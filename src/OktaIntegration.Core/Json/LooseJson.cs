using System;
using System.Globalization;
using System.Text.Json;

namespace OktaIntegration.Core.Json;

/// <summary>
/// Loose readers for Okta JSON, where any property may be missing or null and profile values may
/// come as numbers or booleans (AD attributes, custom attributes). Shared by every parser of
/// users and groups.
/// </summary>
internal static class LooseJson
{
    /// <summary>A nested object, or an undefined element when it is missing or not an object.</summary>
    public static JsonElement Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : default;

    /// <summary>A string property; numbers and booleans are given as text, anything else as null.</summary>
    public static string? String(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
    }

    public static DateTimeOffset? Date(JsonElement parent, string name) =>
        String(parent, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) ? when : null;
}
