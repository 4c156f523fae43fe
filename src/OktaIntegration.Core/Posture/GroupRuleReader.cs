using System.Collections.Generic;
using System.Text.Json;
using OktaIntegration.Core.Groups;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Json;

namespace OktaIntegration.Core.Posture;

/// <summary>GET /api/v1/groups/rules (scope okta.groups.read), 200 a page.</summary>
public sealed class GroupRuleReader
{
    private readonly OktaTransport _transport;

    public GroupRuleReader(OktaTransport transport)
    {
        _transport = transport;
    }

    public LinkPager<OktaGroupRule> List() => new(_transport, _transport.Org.Resolve("api/v1/groups/rules?limit=200"), Parse);

    private static List<OktaGroupRule> Parse(OktaResponse response) => JsonArrayPage.Read(response, "group rules", element =>
    {
        var expression = LooseJson.String(LooseJson.Object(LooseJson.Object(element, "conditions"), "expression"), "value");
        var groups = new List<string>();
        var assign = LooseJson.Object(LooseJson.Object(element, "actions"), "assignUserToGroups");
        if (assign.ValueKind == JsonValueKind.Object && assign.TryGetProperty("groupIds", out var ids) && ids.ValueKind == JsonValueKind.Array)
        {
            foreach (var id in ids.EnumerateArray())
            {
                if (id.ValueKind == JsonValueKind.String) groups.Add(id.GetString()!);
            }
        }
        return new OktaGroupRule(LooseJson.String(element, "id") ?? string.Empty, LooseJson.String(element, "name") ?? string.Empty,
            LooseJson.String(element, "status") ?? "UNKNOWN", expression, groups);
    });
}
