using System;
using System.Globalization;
using System.Text.Json;

namespace OktaIntegration.Core.Users;

/// <summary>Loose readers for Okta JSON, where any property may be missing or null.</summary>
internal static class Json
{
    public static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static DateTimeOffset? Date(JsonElement element, string property) =>
        String(element, property) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;
}
