using static OktaIntegration.Core.Json.LooseJson;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Json;
using OktaIntegration.Core.Users;

namespace OktaIntegration.Core.Groups;

/// <summary>
/// Reads group and user JSON loosely: group profiles come in several shapes (Okta, AD, LDAP
/// groups) and new properties appear without notice, so only known properties are read and
/// anything else is ignored (okta-sdk-dotnet#812 is what strict binding does here).
/// </summary>
internal static class GroupJson
{
    public static List<OktaGroup> ParseGroups(OktaResponse response) => JsonArrayPage.Read(response, "groups", ParseGroup);

    public static OktaGroup ParseGroup(OktaResponse response)
    {
        using var doc = JsonDocument.Parse(response.BodyMemory);
        return ParseGroup(doc.RootElement);
    }

    public static List<OktaUser> ParseUsers(OktaResponse response, string? groupId, string? groupName) =>
        JsonArrayPage.Read(response, "users", element =>
            String(element, "id") == null ? throw new ResponseBodyException("A user has no id.") : OktaUser.FromJson(element, groupId, groupName));

    private static OktaGroup ParseGroup(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new ResponseBodyException("Expected a group object.");
        var profile = Object(element, "profile");
        var embedded = Object(element, "_embedded");
        var stats = Object(embedded, "stats");
        var app = Object(embedded, "app");
        int? count = stats.ValueKind == JsonValueKind.Object && stats.TryGetProperty("usersCount", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : null;
        var ad = new ActiveDirectoryAttributes
        {
            SamAccountName = String(profile, "samAccountName"),
            DistinguishedName = String(profile, "dn"),
            WindowsDomainQualifiedName = String(profile, "windowsDomainQualifiedName"),
            ExternalId = String(profile, "externalId"),
            GroupType = String(profile, "groupType"),
            GroupScope = String(profile, "groupScope"),
            ObjectSid = String(profile, "objectSid"),
        };
        return new OktaGroup(
            String(element, "id") ?? throw new ResponseBodyException("A group has no id."),
            String(profile, "name") ?? string.Empty,
            String(profile, "description"),
            String(element, "type") ?? "UNKNOWN",
            Date(element, "created"),
            Date(element, "lastUpdated"),
            Date(element, "lastMembershipUpdated"),
            count,
            String(Object(element, "source"), "id") ?? String(app, "id"),
            String(app, "name"),
            ad);
    }
}
