using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Emulator.SystemLog;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.SystemLog;

public class LogEventParsingTests
{
    [Fact]
    public void Tolerates_unknown_fields_unknown_enums_missing_objects_and_odd_types()
    {
        const string page = @"[
 {""uuid"":""u-1"",""published"":""2024-08-13T15:58:20.353Z"",""eventType"":""brand.new.event"",""version"":0,""severity"":""CRITICAL"",
  ""newTopLevel"":{""x"":[1,2,{""y"":null}]},
  ""actor"":{""id"":""00u1"",""type"":""User"",""detailEntry"":null,""futureField"":true},
  ""client"":{""zone"":""null"",""userAgent"":null,""geographicalContext"":{""geolocation"":{""lat"":""51.5"",""lon"":-0.1}}},
  ""outcome"":{""result"":""SOMETHING_NEW""},
  ""securityContext"":{""isProxy"":""true"",""asNumber"":null},
  ""target"":null},
 {""uuid"":""u-2"",""published"":""2024-08-13T15:58:21Z"",""eventType"":""user.session.start""}
]";
        var events = LogPageParser.Parse(Encoding.UTF8.GetBytes(page));
        Assert.Equal(2, events.Count);
        var e = events[0];
        Assert.Equal("0", e.Version);
        Assert.Equal("CRITICAL", e.Severity);
        Assert.Null(e.Zone); // Okta sends "null" for no zone
        Assert.Null(e.UserAgent);
        Assert.Equal(51.5, e.Latitude);
        Assert.Equal("SOMETHING_NEW", e.Outcome);
        Assert.True(e.IsProxy);
        Assert.Null(e.AsNumber);
        Assert.Equal(0, e.TargetCount);
        Assert.Equal("Other", e.Category);
        Assert.Equal(new DateTimeOffset(2024, 8, 13, 15, 58, 20, 353, TimeSpan.Zero), e.Published);
        Assert.Equal("2024-08-13T15:58:20.353Z", e.PublishedUtc);
        Assert.True(e.GetDetail().Other.ContainsKey("newTopLevel"));
        Assert.Equal("Session", events[1].Category);
        Assert.Null(events[1].ActorId);
    }

    [Fact]
    public void A_cut_page_is_a_json_error_so_the_transport_fetches_it_again()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => LogPageParser.Parse(Encoding.UTF8.GetBytes("[{\"uuid\":\"a\",\"published\":\"2024-")));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => LogPageParser.Parse(Encoding.UTF8.GetBytes("[{\"uuid\":\"a\"}")));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => LogPageParser.Parse(Encoding.UTF8.GetBytes("<html>503</html>")));
    }

    [Fact]
    public async Task Raw_json_is_the_emulators_bytes_exactly_and_scalars_match_the_json()
    {
        await using var org = await TestOrg.StartAsync();
        using var connection = await org.ConnectSswsAsync();
        var events = await SystemLogTestKit.ReadAllAsync(connection, SystemLogTestKit.PollingFromStart(100));
        var truth = org.Emulator.SystemLog.Snapshot().ToDictionary(e => e.Uuid);
        foreach (var e in events)
        {
            Assert.Equal(truth[e.Uuid].Json, e.GetRawUtf8().ToArray());
            using var doc = System.Text.Json.JsonDocument.Parse(truth[e.Uuid].Json);
            var root = doc.RootElement;
            Assert.Equal(root.GetProperty("eventType").GetString(), e.EventType);
            Assert.Equal(root.GetProperty("actor").GetProperty("alternateId").GetString(), e.ActorAlternateId);
            Assert.Equal(root.GetProperty("client").GetProperty("ipAddress").GetString(), e.ClientIp);
            Assert.Equal(root.GetProperty("target").GetArrayLength(), e.GetDetail().Targets.Count);
            Assert.Equal(root.GetProperty("request").GetProperty("ipChain").GetArrayLength(), e.GetDetail().IpChain.Count);
            Assert.Equal(root.GetProperty("debugContext").GetProperty("debugData").GetProperty("requestId").GetString(), e.RequestId);
            Assert.Equal("0", e.Version);
        }
        var membership = events.First(e => e.EventType == "group.user_membership.add");
        Assert.Equal("User", membership.TargetType); // the principal target is the user, wherever it sits
        Assert.Equal(2, membership.TargetCount);
        Assert.Contains(membership.GetDetail().Targets, t => t.Type == "UserGroup");
        Assert.DoesNotContain("OktaIntegration", membership.GetDetail().ToString());
    }

    [Fact]
    public async Task Envelopes_for_the_exporter_carry_the_same_uuid_time_type_severity_and_bytes_as_a_full_read()
    {
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 1500);
        using var connection = await org.ConnectSswsAsync();
        var full = await SystemLogTestKit.ReadAllAsync(connection, SystemLogTestKit.PollingFromStart(500));
        var reader = new SystemLogReader(connection.Transport, SystemLogTestKit.PollingFromStart(500)) { Fields = LogEventFields.Envelope };
        var envelopes = new System.Collections.Generic.List<OktaLogEvent>();
        await foreach (var page in reader.ReadPagesAsync()) envelopes.AddRange(page.Events);

        Assert.Equal(full.Count, envelopes.Count);
        Assert.True(full.Count >= 1500, $"{full.Count} events");
        for (var i = 0; i < full.Count; i++)
        {
            var (f, e) = (full[i], envelopes[i]);
            Assert.Equal(f.Uuid, e.Uuid);
            Assert.Equal(f.Published, e.Published);
            Assert.Equal(f.EventType, e.EventType);
            Assert.Equal(f.Severity, e.Severity);
            Assert.Equal(f.Category, e.Category);
            Assert.Equal(f.GetRawUtf8().ToArray(), e.GetRawUtf8().ToArray());
            Assert.Equal(org.Emulator.BaseUrl.GetLeftPart(UriPartial.Authority), e.SourceOrg);
            // Nothing else is read into strings: that is the work the envelope saves.
            Assert.Null(e.ActorId);
            Assert.Null(e.ClientIp);
            Assert.Null(e.DisplayMessage);
        }
        Assert.Contains(full, f => f.ActorId != null);
    }

    [Theory]
    [InlineData("[{\"uuid\":\"a\",\"actor\":{\"id\":tru}}]")]
    [InlineData("[{\"uuid\":\"a\",\"target\":[{\"id\":\"x\"]}]")]
    [InlineData("[{\"uuid\":\"a\",\"debugContext\":{\"debugData\":{\"k\":\"v\\u12\"}}}]")]
    [InlineData("[{\"uuid\":\"a\",\"client\":{\"ipAddress\":\"1.2.3.4\"")]
    public void Envelopes_still_validate_every_member_they_skip(string page)
    {
        // The exporter's normalizer trusts an event's bytes because the page parse read every
        // token of them; an envelope parse must refuse a bad member it does not keep, as a full one does.
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => LogPageParser.Parse(Encoding.UTF8.GetBytes(page), LogEventFields.All));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => LogPageParser.Parse(Encoding.UTF8.GetBytes(page), LogEventFields.Envelope));
    }

    [Theory]
    [InlineData("debugContext")] // a member the envelope read skips
    [InlineData("displayMessage")] // a member the full read turns into a string
    [InlineData("actor\":{\"id\":\"00u1\",\"type\":\"User\",\"displayName")] // nested, a string the full read keeps
    [InlineData("client\":{\"ipAddress")]
    public void A_page_with_invalid_UTF8_is_refused_as_a_bad_body_by_both_reads(string member)
    {
        // Refused as JsonException, the transport's "retry this page" signal, rather than
        // forwarded by the export as bytes no SIEM can index, or thrown by GetString as an
        // InvalidOperationException the transport does not treat as a bad body.
        var head = Encoding.UTF8.GetBytes("[{\"uuid\":\"a\",\"published\":\"2024-08-13T15:58:20.353Z\",\"" + member + "\":\"x");
        var tail = Encoding.UTF8.GetBytes("y\"" + new string('}', member.Count(c => c == '{')) + "}]");
        var page = head.Concat(new byte[] { 0xC3, 0x28 }).Concat(tail).ToArray(); // 0xC3 must be followed by a continuation byte
        foreach (var fields in new[] { LogEventFields.All, LogEventFields.Envelope })
        {
            var refused = Assert.ThrowsAny<System.Text.Json.JsonException>(() => LogPageParser.Parse(page, fields));
            Assert.Contains("UTF-8", refused.Message);
        }
        var valid = head.Concat(Encoding.UTF8.GetBytes("é")).Concat(tail).ToArray();
        Assert.Single(LogPageParser.Parse(valid, LogEventFields.All));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("7b 22 61 22 3a 22 e2 82 ac 20 f0 9f 98 80 22 7d", true)] // {"a":"€ 😀"}
    [InlineData("c3 28", false)] // a lead byte without its continuation
    [InlineData("c0 af", false)] // an overlong "/"
    [InlineData("e0 80 af", false)] // another overlong "/"
    [InlineData("ed a0 80", false)] // a UTF-16 surrogate encoded as UTF-8
    [InlineData("f4 90 80 80", false)] // above U+10FFFF
    [InlineData("e2 82", false)] // cut short at the end
    [InlineData("ff", false)]
    [InlineData("80", false)] // a continuation byte alone
    public void The_netstandard_UTF8_check_agrees_with_the_vectorized_one(string hex, bool valid)
    {
        // Windows PowerShell 5.1 runs the netstandard2.0 build, which decodes instead of calling
        // Utf8.IsValid; both are compiled here, so they can be held to the same answers.
        var bytes = hex.Length == 0 ? Array.Empty<byte>() : hex.Split(' ').Select(b => Convert.ToByte(b, 16)).ToArray();
        Assert.Equal(valid, System.Text.Unicode.Utf8.IsValid(bytes));
        Assert.Equal(valid, OktaIntegration.Core.Json.Utf8Validation.IsValidByDecoding(bytes));
        Assert.Equal(valid, OktaIntegration.Core.Json.Utf8Validation.IsValidByDecoding(new ReadOnlyMemory<byte>(new byte[] { 0x20 }.Concat(bytes).Append((byte)0x20).ToArray(), 1, bytes.Length)));
    }

    [Fact]
    public void Every_event_type_the_emulator_generates_has_a_category_from_the_table()
    {
        foreach (var type in LogEventGenerator.EventTypes)
            Assert.True(LogEventCategories.Classify(type) != LogEventCategory.Other, type + " has no category");
        Assert.Equal(LogEventCategory.Authentication, LogEventCategories.Classify("user.authentication.sso"));
        Assert.Equal(LogEventCategory.MFA, LogEventCategories.Classify("user.mfa.factor.activate"));
        Assert.Equal(LogEventCategory.GroupMembership, LogEventCategories.Classify("group.user_membership.add"));
        Assert.Equal(LogEventCategory.Privilege, LogEventCategories.Classify("user.account.privilege.grant"));
        Assert.Equal(LogEventCategory.SecurityAlert, LogEventCategories.Classify("security.threat.detected"));
        Assert.Equal(LogEventCategory.SecurityAlert, LogEventCategories.Classify("security.something.new")); // prefix row
        Assert.Equal(LogEventCategory.Other, LogEventCategories.Classify("nothing.known"));
        Assert.Contains("user.session.start", LogEventCategories.KnownEventTypes);
    }

    [Theory]
    [InlineData(new[] { "a\"b" }, null, "eventType eq \"a\\\"b\"")]
    [InlineData(new[] { "x", "y" }, "actor.id eq \"00u1\"", "(actor.id eq \"00u1\") and (eventType eq \"x\" or eventType eq \"y\")")]
    public void EventType_builds_an_escaped_filter_combined_with_Filter(string[] types, string? filter, string expected)
    {
        var query = new SystemLogQuery { EventTypes = types, Filter = filter };
        Assert.Equal(expected, query.EffectiveFilter);
    }

    [Theory]
    [InlineData("keyword", "The keyword")]
    [InlineData("count", "at most 10")]
    [InlineData("space", "contains a space")]
    [InlineData("since", "180 days")]
    [InlineData("published", "published")]
    [InlineData("follow", "-Follow")]
    [InlineData("order", "earlier than")]
    public void Queries_Okta_would_refuse_are_refused_before_sending(string what, string message)
    {
        var now = DateTimeOffset.UtcNow;
        var query = what switch
        {
            "keyword" => new SystemLogQuery { Keywords = new[] { new string('k', 41) } },
            "count" => new SystemLogQuery { Keywords = Enumerable.Range(0, 11).Select(i => "k" + i).ToArray() },
            "space" => new SystemLogQuery { Keywords = new[] { "two words" } },
            "since" => new SystemLogQuery { Since = now.AddDays(-181) },
            "published" => new SystemLogQuery { Filter = "published gt \"2024-01-01T00:00:00Z\"" },
            "follow" => new SystemLogQuery { Until = now, Follow = true },
            _ => new SystemLogQuery { Since = now, Until = now.AddDays(-1) },
        };
        var ex = Assert.Throws<ArgumentException>(() => query.Validate(now));
        Assert.Contains(message, ex.Message);
    }
}
