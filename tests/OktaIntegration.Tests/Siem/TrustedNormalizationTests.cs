using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Emulator.SystemLog.Scenarios;
using OktaIntegration.Tests.Detection;
using OktaIntegration.Tests.Infrastructure;
using OktaIntegration.Tests.SystemLog;
using Xunit;

namespace OktaIntegration.Tests.Siem;

/// <summary>
/// Events read from a page are normalized without validating their JSON again
/// (<see cref="SiemNormalizer.Write(OktaLogEvent, Utf8JsonWriter)"/>): every output byte must be
/// what the validating path (<see cref="SiemNormalizer.Write(ReadOnlyMemory{byte}, Utf8JsonWriter)"/>) writes.
/// </summary>
public class TrustedNormalizationTests
{
    private static readonly SiemSchema[] AllSchemas = { SiemSchema.Ecs, SiemSchema.Ocsf, SiemSchema.Asim };

    public static readonly TheoryData<SiemSchema> Schemas = new(AllSchemas);

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Every_event_of_an_org_is_written_as_the_validating_path_writes_it_without_falling_back(SiemSchema schema)
    {
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 3000);
        using var connection = await org.ConnectSswsAsync();
        var events = await SystemLogTestKit.ReadAllAsync(connection, SystemLogTestKit.PollingFromStart(pageSize: 1000));
        Assert.True(events.Count >= 3000, $"{events.Count} events");
        var normalizer = SiemNormalizer.For(schema);
        foreach (var e in events)
        {
            Assert.True(TakesTrustedPath(normalizer, e), e.GetRawJson());
            AssertSameAsValidating(normalizer, e);
        }
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Threat_scenario_events_and_findings_are_written_as_the_validating_path_writes_them(SiemSchema schema)
    {
        var events = DetectionTestKit.Parse(DetectionTestKit.Build(ThreatScenarioGenerator.All.ToArray()).Events);
        var normalizer = SiemNormalizer.For(schema);
        foreach (var e in events) AssertSameAsValidating(normalizer, e);
        if (!normalizer.HasFindingClass) return;
        var findings = DetectionTestKit.Run(events);
        Assert.NotEmpty(findings);
        foreach (var f in findings) Assert.Equal(Validating(normalizer, ThreatFindingEvent.ToEventJson(f)), Encoding.UTF8.GetString(normalizer.Normalize(f)));
    }

    /// <summary>What a page may hold that the trusted pass reads itself; each must take that pass.</summary>
    public static readonly TheoryData<string> Plain = new()
    {
        // escapes and unicode in values, mapped and unmapped; an escaped event type
        """{"uuid":"e1","eventType":"user.session.\u0073tart","displayMessage":"caf\u00e9 \ud83d\ude00 \"q\" \\ <>&","actor":{"displayName":"Zoë \"Z\" Ünal","id":"a\\b"},"extraValue":"tab\there \/ slash","unicodeValue":"日本語 \u65e5"}""",
        // empty objects and arrays everywhere
        """{"uuid":"e2","eventType":"system.x","actor":{},"client":{"geographicalContext":{}},"target":[],"debugContext":{"debugData":{}},"authenticationContext":{"x":{},"y":[],"z":[[],{}]}}""",
        // numbers with exponents, signs and fractions; literals
        """{"uuid":"e3","eventType":"user.session.start","securityContext":{"asNumber":1.5E+3,"isProxy":true},"client":{"geographicalContext":{"geolocation":{"lat":-1.25e-2,"lon":0}}},"numbersTop":[1e400,-0.0,12345678901234567890,2E-7,false,null,true]}""",
        // whitespace between every token, inside mapped and unmapped values
        "{ \"uuid\" : \"e4\" ,\n\t\"eventType\" : \"user.session.start\" , \"client\" : { \"geographicalContext\" : { \"geolocation\" : { \"lat\" : 1 , \"lon\" : 2 } } } ,\r\n \"someObj\" : { \"aB\" : [ 1 , 2 , { \"cD\" : null } ] , \"e\" : { } } , \"target\" : [ { \"type\" : \"User\" , \"id\" : \"x\" } ] }",
        // nulls, duplicates, a selector array with odd elements
        """{"uuid":"e5","eventType":"group.user_membership.add","eventType":"user.session.end","actor":{"id":"1"},"actor":{"id":"2","typeX":"a"},"severity":null,"target":[1,"x",null,[{"type":"User"}],{"type":"User","id":"t1"},{"type":"UserGroup","id":"g1","displayName":"G"}]}""",
        // unmapped objects copied in runs between names: strings holding quotes, colons and brackets,
        // names kept as they are and renamed, an empty name; a value with whitespace only deep inside
        """{"uuid":"e7","eventType":"user.session.start","weirdThing":{"k":"a\":{b}[c],\"d\":","k2":"\\","lower":1,"camelCase":{"innerCamel":[true,{"x":"]}"}],"":0},"emptyArr":[]},"spaced":{"aB":[1,2,{"cD":"x"}],"e":{"fG":1, "g":2}},"target":[{"type":"User","id":"t1","detailEntry":{"keyOne":"v"}}]}""",
        // names with digits, dots, dashes and acronyms; a finding-like event
        """{"uuid":"e6","eventType":"okta.threat_finding","finding":{"rule":"R","severity":"Critical","mitreTechnique":"T1110","lastSeen":"2026-01-02T03:40:05.678+02:00","evidence":["a","b"]},"XMLHttpRequest":{"requestURI":"/a","a1B2":4,"x.y-z_w":5}}""",
    };

    [Theory]
    [MemberData(nameof(Plain))]
    public void Escapes_unicode_numbers_whitespace_and_empty_values_are_written_as_the_validating_path_writes_them(string json)
    {
        var e = SiemNormalizerTests.Parse(json);
        foreach (var normalizer in AllSchemas.Select(SiemNormalizer.For))
        {
            Assert.True(TakesTrustedPath(normalizer, e), $"{normalizer.Schema}: {json}");
            AssertSameAsValidating(normalizer, e);
        }
    }

    /// <summary>
    /// What the validating path treats specially: the trusted pass hands it over (in ECS, whose
    /// snake_case names are converted from their text), and the result is the same.
    /// </summary>
    public static readonly TheoryData<string> Special = new()
    {
        // escaped property names, mapped and unmapped, top level and nested
        """{"uuid":"s1","\u0065ventType":"user.session.start","act\u006fr":{"alternateId":"a@b.c","display\u004eame":"A"},"debugContext":{"debugData":{"request\u0049d":"r1","fooBar":"x"}}}""",
        """{"uuid":"s2","eventType":"user.session.start","nested":{"ok":1,"esc\"aped":{"in\\ner":"v"}}}""",
        // names that are not plain ASCII
        """{"uuid":"s3","eventType":"user.session.start","ÄbcDef":{"naïveValue":"x"},"sp ace":1}""",
        """{"uuid":"s4","eventType":"user.session.start","client":{"zone":"z","wéird":{"a+b":1}}}""",
        // an escaped name in an element of a selector array (target[User].id)
        """{"uuid":"s6","eventType":"user.session.start","target":[{"type":"User","displayName":"d3","i\u0064":"i3"},{"type":"User","id":"i4"}]}""",
        // a lone surrogate in a name: the validating path's error
        """{"uuid":"s5","eventType":"user.session.start","nestedBad":{"ok":1,"x\udc00y":2}}""",
    };

    [Theory]
    [MemberData(nameof(Special))]
    public void Escaped_and_unusual_names_are_left_to_the_validating_path_with_the_same_result(string json)
    {
        var e = SiemNormalizerTests.Parse(json);
        foreach (var normalizer in AllSchemas.Select(SiemNormalizer.For))
        {
            if (normalizer.Schema == SiemSchema.Ecs) Assert.False(TakesTrustedPath(normalizer, e), json);
            AssertSameAsValidating(normalizer, e);
        }
    }

    [Fact]
    public void A_name_that_is_not_utf8_never_reaches_the_trusted_path_the_page_reader_refuses_it()
    {
        // The page reader compares names as bytes, and the trusted path copies them; neither reads
        // them as text. So the page's UTF-8 is checked before either, even where the value is null.
        var json = Encoding.UTF8.GetBytes("{\"uuid\":\"b1\",\"eventType\":\"user.session.start\",\"X\":null,\"nested\":{\"Y\":null}}");
        foreach (var (placeholder, bad) in new[] { ((byte)'X', (byte)0xFF), ((byte)'Y', (byte)0xC3) }) json[Array.IndexOf(json, placeholder)] = bad;
        var page = new byte[] { (byte)'[' }.Concat(json).Append((byte)']').ToArray();
        foreach (var fields in new[] { LogEventFields.All, LogEventFields.Envelope })
            Assert.Contains("UTF-8", Assert.ThrowsAny<System.Text.Json.JsonException>(() => LogPageParser.Parse(page, fields)).Message);
    }

    [Theory]
    [InlineData(20, true)]
    [InlineData(TrustedJsonTokens.MaxDepth, true)]
    [InlineData(TrustedJsonTokens.MaxDepth + 1, false)]
    [InlineData(63, false)] // the deepest the page reader lets through (64 levels, the page's array among them)
    public void Deep_nesting_within_the_page_limit_is_written_as_the_validating_path_writes_it(int depth, bool trusted)
    {
        // depth levels, the event object among them, under an unmapped name and a mapped one.
        var json = new StringBuilder("{\"uuid\":\"d\",\"eventType\":\"user.session.start\",\"deepThing\":");
        for (var i = 1; i < depth; i++) json.Append(i % 2 == 0 ? "{\"nestA\":" : "[");
        json.Append('1');
        for (var i = depth - 1; i >= 1; i--) json.Append(i % 2 == 0 ? '}' : ']');
        json.Append(",\"client\":{\"geographicalContext\":{\"geolocation\":");
        for (var i = 3; i < depth - 1; i++) json.Append("{\"lA\":");
        json.Append('2').Append('}', Math.Max(0, depth - 4)).Append("}}}");
        var e = SiemNormalizerTests.Parse(json.ToString());
        foreach (var normalizer in AllSchemas.Select(SiemNormalizer.For))
        {
            Assert.Equal(trusted, TakesTrustedPath(normalizer, e));
            AssertSameAsValidating(normalizer, e);
        }
    }

    [Fact]
    public void A_string_ends_at_its_closing_quote_whatever_its_length_and_escapes()
    {
        // The tokenizer scans strings eight bytes at a time: a quote or backslash at every position
        // of strings of every length around its word and search limits.
        for (var length = 0; length <= 80; length++)
        {
            for (var at = -1; at < length; at++)
            {
                var contents = new StringBuilder(new string('a', length));
                if (at >= 0) contents.Remove(at, 1).Insert(at, at % 2 == 0 ? "\\\"" : "\\\\");
                var json = Encoding.UTF8.GetBytes("\"" + contents + "\",1");
                var expected = Array.IndexOf(json, (byte)',');
                Assert.Equal(expected, TrustedJsonTokens.EndOfString(json, 1, out var escaped));
                Assert.Equal(at >= 0, escaped);
            }
        }
    }

    private static bool TakesTrustedPath(SiemNormalizer normalizer, OktaLogEvent e)
    {
        try
        {
            return normalizer.TryNormalizeTrusted(e.GetRawUtf8()) != null;
        }
        catch (InvalidOperationException)
        {
            return false; // the validating path is the one to throw it
        }
    }

    /// <summary>Through a writer (ConvertTo-OktaSiemEvent) and appended without one (the exporter's page buffer).</summary>
    private static void AssertSameAsValidating(SiemNormalizer normalizer, OktaLogEvent e)
    {
        var expected = Validating(normalizer, e.GetRawUtf8());
        Assert.Equal(expected, OutputOrError(() => normalizer.Normalize(e)));
        Assert.Equal(expected, OutputOrError(() =>
        {
            using var page = new MemoryStream();
            page.Write(new byte[] { (byte)'x' }, 0, 1); // not the buffer's first record
            normalizer.AppendTo(e, page);
            return page.ToArray().Skip(1).ToArray();
        }));
    }

    private static string OutputOrError(Func<byte[]> normalize)
    {
        try
        {
            return Encoding.UTF8.GetString(normalize());
        }
        catch (Exception ex)
        {
            return "!" + ex.GetType().Name + ": " + ex.Message;
        }
    }

    /// <summary>The validating path's output, or its error.</summary>
    private static string Validating(SiemNormalizer normalizer, ReadOnlyMemory<byte> json)
    {
        try
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer)) normalizer.Write(json, writer);
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (Exception ex)
        {
            return "!" + ex.GetType().Name + ": " + ex.Message;
        }
    }

    private static string Validating(SiemNormalizer normalizer, byte[] json) => Validating(normalizer, new ReadOnlyMemory<byte>(json));
}
