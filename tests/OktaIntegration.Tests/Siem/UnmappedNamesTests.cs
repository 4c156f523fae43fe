using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using OktaIntegration.Core.Siem;
using Xunit;
using static OktaIntegration.Tests.Siem.SiemTestKit;

namespace OktaIntegration.Tests.Siem;

/// <summary>
/// The normalizer writes unmapped names byte by byte and the unmapped namespace while it reads;
/// these pin that to what the encoder and the old document-order grouping give.
/// </summary>
public class UnmappedNamesTests
{
    public static IEnumerable<object[]> Names()
    {
        var names = new List<string> { "debugContext", "requestURI", "XMLHttpRequest", "ABC", "aB", "a1B2", "os_platform", "asNumber", "IPAddress", "x-forwarded.For", "already_snake", "A", "" };
        // Every printable ASCII character, alone and between capitals: the plain ones are converted, the others refused.
        for (var c = ' '; c <= '~'; c++) names.Add("aB" + c + "Cd");
        return names.Select(n => new object[] { n });
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Plain_names_are_written_as_the_encoder_writes_them_and_others_are_refused(string name)
    {
        foreach (var snake in new[] { true, false })
        {
            var names = new UnmappedNames(snake);
            var buffer = new Utf8Buffer(4);
            var raw = Encoding.UTF8.GetBytes(name);
            var expected = "\"" + names.Encode(name).ToString() + "\":";
            if (names.TryAppendProperty(raw, buffer)) Assert.Equal(expected, Encoding.UTF8.GetString(buffer.Span.ToArray()));
            else Assert.Equal(0, buffer.Length);
            Assert.Equal(UnmappedNames.IsPlain(raw), buffer.Length > 0);
            // Written as is (the compact unmapped copy then keeps it in the run it copies) exactly when that is its written form.
            Assert.Equal(buffer.Length > 0 && expected == "\"" + name + "\":", names.IsWrittenAsIs(raw));
        }
    }

    [Theory]
    [InlineData(SiemSchema.Ecs, "okta.actor", "type_x", "type_y")]
    [InlineData(SiemSchema.Ocsf, "unmapped.actor", "typeX", "typeY")]
    public void A_repeated_okta_object_shares_one_unmapped_object(SiemSchema schema, string path, string first, string second)
    {
        var e = SiemNormalizerTests.Parse("""{"uuid":"u-3","eventType":"user.session.start","actor":{"id":"1","typeX":"a"},"actor":{"typeY":{"innerName":1}}}""");
        var json = SiemNormalizer.For(schema).Normalize(e);
        using var doc = JsonDocument.Parse(json);
        var actor = At(doc.RootElement, path)!.Value;
        // Written as one object with both fields, not as two objects of the same name.
        Assert.Equal(new[] { first, second }, actor.EnumerateObject().Select(p => p.Name));
    }
}
