using System;
using System.Collections.Generic;
using System.Text.Json;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Json;

/// <summary>
/// One page of an Okta list (users, groups, factors, rules, tokens...): the body must be a JSON
/// array, and each element becomes one item. Anything else is a <see cref="ResponseBodyException"/>
/// naming what was expected, so every list reader fails the same way on a body it cannot read.
/// </summary>
internal static class JsonArrayPage
{
    /// <param name="what">The items, plural, for the message ("users", "group rules").</param>
    public static List<T> Read<T>(OktaResponse response, string what, Func<JsonElement, T> read)
    {
        using var document = JsonDocument.Parse(response.BodyMemory);
        if (document.RootElement.ValueKind != JsonValueKind.Array) throw new ResponseBodyException($"Expected a JSON array of {what}.");
        var list = new List<T>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray()) list.Add(read(element));
        return list;
    }
}
