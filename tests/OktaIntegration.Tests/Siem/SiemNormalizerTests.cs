using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Tests.Infrastructure;
using Xunit;
using static OktaIntegration.Tests.Siem.SiemTestKit;

namespace OktaIntegration.Tests.Siem;

/// <summary>Each schema's required fields on every event type the emulator produces; nothing lost, nothing invented.</summary>
public class SiemNormalizerTests
{
    private static readonly Dictionary<string, int> OcsfClass = new(StringComparer.Ordinal)
    {
        ["user.session.start"] = 3002,
        ["user.session.end"] = 3002,
        ["user.authentication.sso"] = 3002,
        ["user.authentication.verify"] = 3002,
        ["user.authentication.auth_via_mfa"] = 3002,
        ["user.mfa.okta_verify.deny_push"] = 3002,
        ["user.mfa.factor.activate"] = 3001,
        ["user.lifecycle.create"] = 3001,
        ["user.lifecycle.suspend"] = 3001,
        ["user.account.lock"] = 3001,
        ["user.account.update_password"] = 3001,
        ["group.user_membership.add"] = 3006,
        ["group.user_membership.remove"] = 3006,
        ["group.privilege.grant"] = 3006,
        ["zone.update"] = 3004,
        ["system.api_token.create"] = 3004,
        ["security.threat.detected"] = 2004,
        ["policy.evaluate_sign_on"] = 6003,
        ["system.org.rate_limit.warning"] = 6003,
        ["app.oauth2.as.token.grant.access_token"] = 6003,
    };

    private static readonly string[] AuthenticationTypes =
    {
        "user.session.start", "user.session.end", "user.authentication.sso", "user.authentication.verify", "user.authentication.auth_via_mfa", "user.mfa.okta_verify.deny_push",
    };

    [Theory]
    [InlineData(SiemSchema.Ecs)]
    [InlineData(SiemSchema.Ocsf)]
    [InlineData(SiemSchema.Asim)]
    public void Each_mapping_file_loads_and_names_its_schema_version(SiemSchema schema)
    {
        var normalizer = SiemNormalizer.For(schema);
        Assert.Equal(schema, normalizer.Schema);
        Assert.Contains(normalizer.SchemaVersion, normalizer.MappingResource, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SiemSchema.Ecs)]
    [InlineData(SiemSchema.Ocsf)]
    [InlineData(SiemSchema.Asim)]
    public async Task Output_does_not_depend_on_what_the_thread_normalized_before(SiemSchema schema)
    {
        // Names, classes and okta.* names are cached per thread by their UTF-8 bytes: a second
        // pass (all hits) and a fresh thread going the other way (new caches) write the same bytes.
        await using var org = await TestOrg.StartAsync();
        var events = await OneOfEachTypeAsync(org);
        var normalizer = SiemNormalizer.For(schema);
        var first = events.Select(e => Convert.ToBase64String(normalizer.Normalize(e))).ToList();
        var again = events.Select(e => Convert.ToBase64String(normalizer.Normalize(e))).ToList();
        var reversed = await Task.Factory.StartNew(() => Enumerable.Reverse(events).Select(e => Convert.ToBase64String(normalizer.Normalize(e))).Reverse().ToList(), TaskCreationOptions.LongRunning);
        Assert.Equal(first, again);
        Assert.Equal(first, reversed);
    }

    [Fact]
    public async Task Ecs_has_its_fields_on_every_event_type()
    {
        await using var org = await TestOrg.StartAsync();
        foreach (var e in await OneOfEachTypeAsync(org))
        {
            using var doc = JsonDocument.Parse(SiemNormalizer.For(SiemSchema.Ecs).Normalize(e));
            var root = doc.RootElement;
            var why = e.EventType!;
            Assert.True(At(root, "@timestamp")?.GetString() == e.PublishedUtc, why);
            Assert.True(At(root, "event.id")?.GetString() == e.Uuid, why);
            Assert.True(At(root, "event.action")?.GetString() == e.EventType, why);
            Assert.True(At(root, "okta.event_type")?.GetString() == e.EventType, why);
            Assert.True(At(root, "event.kind")?.GetString() == "event", why);
            Assert.True(At(root, "event.module")?.GetString() == "okta", why);
            Assert.True(At(root, "event.dataset")?.GetString() == "okta.system", why);
            Assert.True(At(root, "ecs.version")?.GetString() == "8.11.0", why);
            Assert.True(At(root, "event.category")?.GetArrayLength() > 0, why + ": event.category");
            var expectedOutcome = e.Outcome switch { "SUCCESS" or "ALLOW" => "success", "FAILURE" or "DENY" => "failure", _ => "unknown" };
            Assert.True(At(root, "event.outcome")?.GetString() == expectedOutcome, why);
            Assert.True(At(root, "okta.outcome.result")?.GetString() == e.Outcome, why);
            Assert.True(At(root, "source.ip")?.GetString() == e.ClientIp, why);
            Assert.True(At(root, "user.name")?.GetString() == e.ActorAlternateId, why);
            if (e.TargetType == "User") Assert.True(At(root, "user.target.id")?.GetString() == e.TargetId, why);
            // Everything else under okta.*, snake_case, as Elastic's integration names it.
            Assert.True(At(root, "okta.debug_context.debug_data.request_id") is null, why + ": requestId is mapped to http.request.id");
            Assert.True(At(root, "http.request.id")?.GetString() == e.RequestId, why);
            Assert.True(At(root, "okta.authentication_context.external_session_id")?.GetString() == e.SessionId, why);
            Assert.True(At(root, "okta.actor.type")?.GetString() == e.ActorType, why);
        }
    }

    [Fact]
    public async Task Ocsf_picks_the_class_by_event_type_with_its_required_fields()
    {
        await using var org = await TestOrg.StartAsync();
        var seen = new HashSet<int>();
        foreach (var e in await OneOfEachTypeAsync(org))
        {
            using var doc = JsonDocument.Parse(SiemNormalizer.For(SiemSchema.Ocsf).Normalize(e));
            var root = doc.RootElement;
            var why = e.EventType!;
            var cls = At(root, "class_uid")!.Value.GetInt32();
            if (OcsfClass.TryGetValue(e.EventType!, out var expected)) Assert.True(expected == cls, $"{why}: class {cls}, expected {expected}");
            seen.Add(cls);
            var activity = At(root, "activity_id")!.Value.GetInt32();
            Assert.True(At(root, "type_uid")!.Value.GetInt32() == cls * 100 + activity, why);
            Assert.True(At(root, "category_uid")!.Value.GetInt32() == cls / 1000, why);
            Assert.True(At(root, "severity_id")!.Value.GetInt32() > 0, why);
            Assert.True(At(root, "time")!.Value.GetInt64() == e.Published.ToUnixTimeMilliseconds(), why);
            Assert.True(At(root, "metadata.uid")?.GetString() == e.Uuid, why);
            Assert.True(At(root, "metadata.version")?.GetString() == "1.3.0", why);
            Assert.True(At(root, "metadata.product.vendor_name")?.GetString() == "Okta", why);
            Assert.True(At(root, "metadata.event_code")?.GetString() == e.EventType, why);
            Assert.True(At(root, "status_id") is not null, why);
            switch (cls)
            {
                case 3002:
                case 3001:
                case 3003:
                    Assert.True(At(root, "user.uid") is not null, why + ": user");
                    break;
                case 3006:
                    Assert.True(At(root, "group.uid") is not null, why + ": group");
                    break;
                case 3004:
                    Assert.True(At(root, "entity.uid") is not null, why + ": entity");
                    break;
                case 2004:
                    Assert.True(At(root, "finding_info.uid")?.GetString() == e.Uuid, why + ": finding_info");
                    Assert.True(At(root, "finding_info.title") is not null, why + ": finding_info.title");
                    break;
                case 6003:
                    Assert.True(At(root, "api.operation")?.GetString() == e.EventType, why + ": api");
                    Assert.True(At(root, "actor.user.uid") is not null, why + ": actor");
                    Assert.True(At(root, "src_endpoint.ip") is not null, why + ": src_endpoint");
                    break;
            }
            if (cls != 6003) Assert.True(At(root, "api") is null, why + ": api belongs to API Activity only");
            Assert.True(At(root, "unmapped.debugContext.debugData.requestId")?.GetString() == e.RequestId, why + ": unmapped keeps Okta's names");
        }
        Assert.Superset(new HashSet<int> { 3001, 3002, 3004, 3006, 2004, 6003 }, seen);
    }

    [Fact]
    public async Task Asim_fills_the_authentication_schema_for_sign_ins_and_common_fields_for_all()
    {
        await using var org = await TestOrg.StartAsync();
        foreach (var e in await OneOfEachTypeAsync(org))
        {
            using var doc = JsonDocument.Parse(SiemNormalizer.For(SiemSchema.Asim).Normalize(e));
            var root = doc.RootElement;
            var why = e.EventType!;
            foreach (var common in new[] { "TimeGenerated", "EventStartTime", "EventEndTime", "EventCount", "EventVendor", "EventProduct", "EventResult", "EventOriginalUid", "EventOriginalType", "Dvc", "EventSeverity" })
                Assert.True(At(root, common) is not null, $"{why}: {common}");
            Assert.True(At(root, "EventOriginalUid")?.GetString() == e.Uuid, why);
            if (AuthenticationTypes.Contains(e.EventType))
            {
                Assert.True(At(root, "EventSchema")?.GetString() == "Authentication", why);
                Assert.True(At(root, "EventSchemaVersion")?.GetString() == "0.1.3", why);
                Assert.True(At(root, "EventType")?.GetString() == (e.EventType == "user.session.end" ? "Logoff" : "Logon"), why);
                Assert.True(At(root, "TargetUsername")?.GetString() == e.ActorAlternateId, why);
                Assert.True(At(root, "TargetUserId")?.GetString() == e.ActorId, why);
                Assert.True(At(root, "TargetSessionId")?.GetString() == e.SessionId, why);
            }
            else
            {
                Assert.True(At(root, "EventSchema") is null, why + ": not an authentication event");
                Assert.True(At(root, "TargetUsername") is null, why);
            }
        }
    }

    [Theory]
    [InlineData(SiemSchema.Ecs)]
    [InlineData(SiemSchema.Ocsf)]
    [InlineData(SiemSchema.Asim)]
    public async Task Nothing_Okta_sent_is_lost_and_nothing_is_invented(SiemSchema schema)
    {
        await using var org = await TestOrg.StartAsync();
        foreach (var e in await OneOfEachTypeAsync(org))
        {
            using var original = JsonDocument.Parse(e.GetRawUtf8());
            using var normalized = JsonDocument.Parse(SiemNormalizer.For(schema).Normalize(e));
            var missing = Scalars(original.RootElement).Except(Scalars(normalized.RootElement)).ToList();
            Assert.True(missing.Count == 0, $"{schema} {e.EventType}: lost {string.Join(", ", missing)}");
            Assert.False(HasNull(normalized.RootElement), $"{schema} {e.EventType}: a null was written");
        }
    }

    [Theory]
    [InlineData(SiemSchema.Ecs, "client.geo", "source.geo")]
    [InlineData(SiemSchema.Ocsf, "src_endpoint.location", "src_endpoint.location")]
    [InlineData(SiemSchema.Asim, "SrcGeoCity", "SrcGeoCountry")]
    public void A_field_Okta_leaves_out_stays_absent(SiemSchema schema, string geo1, string geo2)
    {
        var e = Parse("""{"uuid":"u-1","published":"2026-01-02T03:04:05.678Z","eventType":"system.agent.ad.read_dirsync","client":{"ipAddress":"10.1.2.3","zone":null},"outcome":{"result":"SUCCESS"},"severity":"DEBUG","target":[]}""");
        using var doc = JsonDocument.Parse(SiemNormalizer.For(schema).Normalize(e));
        Assert.Null(At(doc.RootElement, geo1));
        Assert.Null(At(doc.RootElement, geo2));
        Assert.False(HasNull(doc.RootElement));
        Assert.DoesNotContain("zone", doc.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_and_new_fields_go_under_the_vendor_namespace_with_their_nesting()
    {
        var e = Parse("""{"uuid":"u-2","published":"2026-01-02T03:04:05.678Z","eventType":"user.session.start","brandNew":{"innerField":[1,{"deepName":"x"}]},"client":{"ipAddress":"10.1.2.3","newClientThing":"y"}}""");
        using var ecs = JsonDocument.Parse(SiemNormalizer.For(SiemSchema.Ecs).Normalize(e));
        Assert.Equal("x", At(ecs.RootElement, "okta.brand_new.inner_field")!.Value[1].GetProperty("deep_name").GetString());
        Assert.Equal("y", At(ecs.RootElement, "okta.client.new_client_thing")?.GetString());
        using var ocsf = JsonDocument.Parse(SiemNormalizer.For(SiemSchema.Ocsf).Normalize(e));
        Assert.Equal("x", At(ocsf.RootElement, "unmapped.brandNew.innerField")!.Value[1].GetProperty("deepName").GetString());
        Assert.Equal("y", At(ocsf.RootElement, "unmapped.client.newClientThing")?.GetString());
    }

    [Fact]
    public void A_threat_finding_written_as_an_event_is_an_ocsf_detection_finding_and_an_ecs_alert()
    {
        var e = Parse("""{"uuid":"f-1","published":"2026-01-02T03:04:05.678Z","eventType":"okta.threat_finding","displayMessage":"Password spraying from 203.0.113.9","severity":"WARN","client":{"ipAddress":"203.0.113.9"}}""");
        using var ocsf = JsonDocument.Parse(SiemNormalizer.For(SiemSchema.Ocsf).Normalize(e));
        Assert.Equal(2004, At(ocsf.RootElement, "class_uid")!.Value.GetInt32());
        Assert.Equal("f-1", At(ocsf.RootElement, "finding_info.uid")?.GetString());
        using var ecs = JsonDocument.Parse(SiemNormalizer.For(SiemSchema.Ecs).Normalize(e));
        Assert.Equal("alert", At(ecs.RootElement, "event.kind")?.GetString());
    }

    [Theory]
    [InlineData("debugContext", "debug_context")]
    [InlineData("requestURI", "request_uri")]
    [InlineData("os_platform", "os_platform")]
    [InlineData("asNumber", "as_number")]
    public void Snake_case_names(string okta, string ecs) => Assert.Equal(ecs, SiemNormalizer.SnakeCase(okta));

    internal static OktaLogEvent Parse(string json)
    {
        var events = LogPageParser.Parse(Encoding.UTF8.GetBytes("[" + json + "]"));
        return Assert.Single(events);
    }
}
