using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Xml;
using OktaIntegration.Core.Groups;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Json;

namespace OktaIntegration.Core.Posture;

/// <summary>GET /api/v1/api-tokens (scope okta.apiTokens.read): metadata of the org's active tokens, 200 a page.</summary>
public sealed class ApiTokenReader
{
    private readonly OktaTransport _transport;

    public ApiTokenReader(OktaTransport transport)
    {
        _transport = transport;
    }

    public LinkPager<OktaApiToken> List() => new(_transport, _transport.Org.Resolve("api/v1/api-tokens?limit=200"), Parse);

    internal static List<OktaApiToken> Parse(OktaResponse response) => JsonArrayPage.Read(response, "API tokens", element =>
    {
        var network = LooseJson.Object(element, "network");
        return new OktaApiToken(
            LooseJson.String(element, "id") ?? throw new ResponseBodyException("An API token has no id."),
            LooseJson.String(element, "name") ?? string.Empty,
            LooseJson.String(element, "userId"),
            LooseJson.String(element, "clientName"),
            Duration(LooseJson.String(element, "tokenWindow")),
            LooseJson.Date(element, "expiresAt"),
            LooseJson.Date(element, "created"),
            LooseJson.Date(element, "lastUpdated"),
            LooseJson.String(network, "connection") ?? "ANYWHERE",
            Strings(network, "include"),
            Strings(network, "exclude"));
    });

    /// <summary>ISO 8601 durations such as P30D; null when missing or unreadable.</summary>
    private static TimeSpan? Duration(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        try
        {
            return XmlConvert.ToTimeSpan(text!);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static IReadOnlyList<string> Strings(JsonElement parent, string name)
    {
        var list = new List<string>();
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String) list.Add(item.GetString()!);
            }
        }
        return list;
    }
}
