using System;
using System.Linq;
using System.Text.Json;
using OktaIntegration.Core.Detection;
using OktaIntegration.Core.Siem;
using Xunit;
using static OktaIntegration.Tests.Siem.SiemTestKit;

namespace OktaIntegration.Tests.Siem;

/// <summary>Find-OktaThreat findings in OCSF (Detection Finding 2004) and ECS (an alert), through the mapping files.</summary>
public class ThreatFindingSchemaTests
{
    private static OktaThreatFinding Spray(string? userId = null, string? login = null) => new(
        rule: "PasswordSpray", title: "Password spraying", severity: ThreatSeverity.High, confidence: 0.874,
        userId: userId, login: login, clientIp: "203.0.113.9", country: "Netherlands", asn: 64500,
        firstSeen: new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero), lastSeen: new DateTimeOffset(2026, 1, 2, 3, 40, 5, 678, TimeSpan.Zero),
        eventCount: 31, evidence: new[] { "uuid-a", "uuid-b", "uuid-c" },
        summary: "31 failed sign-ins for 30 users from 203.0.113.9 in 40 minutes.", mitreTechnique: "T1110.003",
        recommendation: "Block the address.", fingerprint: "PasswordSpray|203.0.113.9");

    [Fact]
    public void A_finding_is_an_ocsf_detection_finding_with_every_required_field()
    {
        using var doc = JsonDocument.Parse(SiemNormalizer.For(SiemSchema.Ocsf).Normalize(Spray()));
        var root = doc.RootElement;
        // OCSF 1.3.0 Detection Finding: required attributes.
        Assert.Equal(2004, At(root, "class_uid")!.Value.GetInt32());
        Assert.Equal(2, At(root, "category_uid")!.Value.GetInt32());
        Assert.Equal(1, At(root, "activity_id")!.Value.GetInt32());
        Assert.Equal(200401, At(root, "type_uid")!.Value.GetInt32());
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 40, 5, 678, TimeSpan.Zero).ToUnixTimeMilliseconds(), At(root, "time")!.Value.GetInt64());
        Assert.Equal(4, At(root, "severity_id")!.Value.GetInt32());
        Assert.Equal("High", At(root, "severity")?.GetString());
        Assert.Equal("1.3.0", At(root, "metadata.version")?.GetString());
        Assert.Equal("Okta", At(root, "metadata.product.vendor_name")?.GetString());
        var uid = At(root, "metadata.uid")!.Value.GetString();
        Assert.Equal(uid, At(root, "finding_info.uid")?.GetString());
        Assert.Equal("Password spraying", At(root, "finding_info.title")?.GetString());
        // The finding's own fields in their OCSF places.
        Assert.Equal("PasswordSpray", At(root, "finding_info.analytic.name")?.GetString());
        Assert.Equal(1, At(root, "finding_info.analytic.type_id")!.Value.GetInt32());
        Assert.Equal("T1110.003", At(root, "finding_info.attacks")!.Value[0].GetProperty("technique").GetProperty("uid").GetString());
        Assert.Equal(new[] { "uuid-a", "uuid-b", "uuid-c" }, At(root, "finding_info.related_events")!.Value.EnumerateArray().Select(e => e.GetProperty("uid").GetString()));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), At(root, "finding_info.first_seen_time")!.Value.GetInt64());
        Assert.Equal(87, At(root, "confidence_score")!.Value.GetInt32());
        Assert.Equal("Block the address.", At(root, "remediation.desc")?.GetString());
        Assert.Equal(31, At(root, "count")!.Value.GetInt32());
        Assert.Equal("203.0.113.9", At(root, "src_endpoint.ip")?.GetString());
        Assert.Equal(64500, At(root, "src_endpoint.autonomous_system.number")!.Value.GetInt64());
        // What OCSF has no place for is kept, not dropped.
        Assert.Equal(0.874, At(root, "unmapped.finding.confidence")!.Value.GetDouble());
        // An address-only finding has no user, and none is invented.
        Assert.Null(At(root, "actor"));
    }

    [Fact]
    public void A_finding_is_an_ecs_alert_with_the_user_at_risk_and_the_attacking_address()
    {
        using var doc = JsonDocument.Parse(SiemNormalizer.For(SiemSchema.Ecs).Normalize(Spray("00u1", "jane@example.com")));
        var root = doc.RootElement;
        Assert.Equal("alert", At(root, "event.kind")?.GetString());
        Assert.Equal("8.11.0", At(root, "ecs.version")?.GetString());
        Assert.Equal("2026-01-02T03:40:05.678Z", At(root, "@timestamp")?.GetString());
        Assert.Equal("okta.threat_finding", At(root, "event.action")?.GetString());
        Assert.Equal("PasswordSpray", At(root, "rule.name")?.GetString());
        Assert.Equal("Password spraying", At(root, "rule.description")?.GetString());
        Assert.Equal("MITRE ATT&CK", At(root, "threat.framework")?.GetString());
        Assert.Equal("T1110.003", Assert.Single(At(root, "threat.technique.id")!.Value.EnumerateArray()).GetString());
        Assert.Equal(73, At(root, "event.severity")!.Value.GetInt32());
        Assert.Equal(73, At(root, "event.risk_score")!.Value.GetInt32());
        Assert.Equal("2026-01-02T03:00:00.000Z", At(root, "event.start")?.GetString());
        Assert.Equal("00u1", At(root, "user.id")?.GetString());
        Assert.Equal("jane@example.com", At(root, "user.name")?.GetString());
        Assert.Equal("203.0.113.9", At(root, "source.ip")?.GetString());
        Assert.Equal("31 failed sign-ins for 30 users from 203.0.113.9 in 40 minutes.", At(root, "message")?.GetString());
        Assert.Equal(3, At(root, "okta.finding.evidence")!.Value.GetArrayLength());
    }

    [Fact]
    public void The_id_is_a_version_5_uuid_of_the_fingerprint_so_a_repeat_has_the_same_id()
    {
        // Expected value from an independent RFC 9562 implementation (Python's uuid.uuid5) with the module's namespace.
        Assert.Equal("11c360f8-c15c-50e4-9928-7f7d077b94b6", ThreatFindingEvent.StableUuid("PasswordSpray|203.0.113.9"));
        using var a = JsonDocument.Parse(SiemNormalizer.For(SiemSchema.Ecs).Normalize(Spray()));
        using var b = JsonDocument.Parse(SiemNormalizer.For(SiemSchema.Ecs).Normalize(Spray()));
        Assert.Equal("11c360f8-c15c-50e4-9928-7f7d077b94b6", At(a.RootElement, "event.id")?.GetString());
        Assert.Equal(At(a.RootElement, "event.id")?.GetString(), At(b.RootElement, "event.id")?.GetString());
    }

    [Fact]
    public void Asim_has_no_class_for_findings_and_says_so()
    {
        var asim = SiemNormalizer.For(SiemSchema.Asim);
        Assert.False(asim.HasFindingClass);
        var ex = Assert.Throws<NotSupportedException>(() => asim.Normalize(Spray()));
        Assert.Contains("Ecs or Ocsf", ex.Message);
    }

    [Fact]
    public void The_objects_transform_wraps_a_single_value_too()
    {
        // One technique or one evidence uuid still becomes a list of objects, as OCSF wants.
        var single = new OktaThreatFinding("BruteForce", "Brute force", ThreatSeverity.Medium, 0.5, "00u2", "a@b.c", null, null, null,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, new[] { "only" }, "s", "T1110.001", "r", "fp");
        using var doc = JsonDocument.Parse(SiemNormalizer.For(SiemSchema.Ocsf).Normalize(single));
        Assert.Equal("only", Assert.Single(At(doc.RootElement, "finding_info.related_events")!.Value.EnumerateArray()).GetProperty("uid").GetString());
        Assert.Equal(3, At(doc.RootElement, "severity_id")!.Value.GetInt32());
        Assert.Equal("00u2", At(doc.RootElement, "actor.user.uid")?.GetString());
        Assert.Null(At(doc.RootElement, "src_endpoint"));
    }
}
