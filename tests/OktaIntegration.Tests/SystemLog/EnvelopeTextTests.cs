using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.SystemLog;
using Xunit;

namespace OktaIntegration.Tests.SystemLog;

/// <summary>Envelopes skip members the full parse turns into strings, so text the full parse refuses (invalid UTF-8) is forwarded as it came; the normalizer writes the same bytes on both its paths.</summary>
public class EnvelopeTextTests
{
    private static byte[] PageWithBadUtf8(string member)
    {
        var head = Encoding.UTF8.GetBytes("[{\"uuid\":\"u1\",\"published\":\"2024-01-01T00:00:00.000Z\",\"eventType\":\"user.session.start\",\"severity\":\"INFO\"," + member + "\"");
        return head.Concat(new byte[] { 0xFF, 0xFE }).Concat(Encoding.UTF8.GetBytes("x\"}}]")).ToArray();
    }

    [Theory]
    [InlineData("\"actor\":{\"id\":\"00u1\",\"type\":\"User\",\"displayName\":")]
    [InlineData("\"client\":{\"ipAddress\":")]
    public void Envelope_parse_lets_invalid_utf8_through_where_the_full_parse_refuses_it_and_trusted_equals_validating(string member)
    {
        // Not a memory or trust problem: the trusted and validating normalizers write the same bytes.
        // A behaviour difference only: the full parse (the export before this session) refused the
        // page with InvalidOperationException; the envelope forwards the bytes as they came.
        var page = PageWithBadUtf8(member);
        Assert.Throws<InvalidOperationException>(() => LogPageParser.Parse(page, LogEventFields.All));
        var e = Assert.Single(LogPageParser.Parse(page, LogEventFields.Envelope));
        foreach (var schema in new[] { SiemSchema.Ecs, SiemSchema.Ocsf, SiemSchema.Asim })
        {
            var normalizer = SiemNormalizer.For(schema);
            Assert.Equal(Write(w => normalizer.Write(e.GetRawUtf8(), w)), Write(w => normalizer.Write(e, w)));
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms)) write(w);
        return ms.ToArray();
    }
}
