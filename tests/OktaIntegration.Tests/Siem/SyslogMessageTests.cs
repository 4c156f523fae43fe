using System;
using System.IO;
using System.Linq;
using System.Text;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.Siem.Syslog;
using Xunit;

namespace OktaIntegration.Tests.Siem;

/// <summary>The RFC 5424 message, its octet-counting frame, and what the builder refuses.</summary>
public sealed class SyslogMessageTests
{
    private static readonly DateTimeOffset Published = new(2026, 11, 29, 3, 4, 5, 678, TimeSpan.FromHours(2));

    private static string Build(Rfc5424MessageBuilder builder, SiemRecord record, string payload)
    {
        using var stream = new MemoryStream();
        builder.Write(stream, record, Encoding.UTF8.GetBytes(payload));
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Theory]
    [InlineData("DEBUG", 87)]
    [InlineData("INFO", 86)]
    [InlineData("WARN", 84)]
    [InlineData("ERROR", 83)]
    [InlineData(null, 85)]
    public void The_header_has_pri_from_facility_and_okta_severity_and_the_published_time_in_utc(string? severity, int pri)
    {
        var builder = new Rfc5424MessageBuilder(SyslogFacility.AuthPriv, "relay", "okta");
        var record = new SiemRecord("u-1", Published, "user.session.start", Array.Empty<byte>(), severity);
        Assert.Equal($"<{pri}>1 2026-11-29T01:04:05.678Z relay okta - user.session.start - {{\"a\":1}}", Build(builder, record, "{\"a\":1}"));
    }

    [Fact]
    public void The_msgid_is_printable_ascii_cut_to_32_and_the_full_type_stays_in_the_payload()
    {
        Assert.Equal("application.user_membership.chan", Rfc5424MessageBuilder.MessageId("application.user_membership.change_username"));
        Assert.Equal("a_b_c_", Rfc5424MessageBuilder.MessageId("a b\u00e9c\n"));
        Assert.Equal("-", Rfc5424MessageBuilder.MessageId(null));
        Assert.Equal("-", Rfc5424MessageBuilder.MessageId(""));
    }

    [Fact]
    public void The_uuid_goes_into_structured_data_escaped_when_an_sd_id_is_set()
    {
        var builder = new Rfc5424MessageBuilder(SyslogFacility.Auth, "relay", "okta", "okta@32473");
        var record = new SiemRecord("a\"b]c\\d", Published, null, Array.Empty<byte>(), "INFO");
        Assert.Equal("<38>1 2026-11-29T01:04:05.678Z relay okta - - [okta@32473 uuid=\"a\\\"b\\]c\\\\d\"] x", Build(builder, record, "x"));
    }

    [Theory]
    [InlineData("okta")]
    [InlineData("okta@")]
    [InlineData("@32473")]
    [InlineData("okta@12a")]
    [InlineData("ok ta@1")]
    [InlineData("ok=ta@1")]
    [InlineData("a-name-far-too-long-for-rfc5424@32473")]
    public void A_structured_data_id_must_be_name_at_enterprise_number(string id)
    {
        var ex = Assert.Throws<SyslogSettingException>(() => new Rfc5424MessageBuilder(SyslogFacility.Auth, "relay", "okta", id));
        Assert.Equal(SyslogSetting.StructuredDataId, ex.Setting);
        Assert.Contains("name@enterprise-number", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("has space")]
    [InlineData("caf\u00e9")]
    [InlineData("a-very-long-application-name-longer-than-48-chars-x")]
    public void An_app_name_outside_rfc5424_is_refused(string appName)
    {
        var ex = Assert.Throws<SyslogSettingException>(() => new Rfc5424MessageBuilder(SyslogFacility.Auth, "relay", appName));
        Assert.Equal(SyslogSetting.AppName, ex.Setting);
    }

    [Fact]
    public void The_frame_counts_octets_not_characters()
    {
        var message = Encoding.UTF8.GetBytes("<86>1 - h a - - - \u00e9t\u00e9 \u2603");
        using var stream = new MemoryStream();
        OctetCountingFraming.WriteFrame(stream, message, 0, message.Length);
        OctetCountingFraming.WriteFrame(stream, message, 0, message.Length);
        var bytes = stream.ToArray();
        var prefix = Encoding.ASCII.GetBytes(message.Length + " ");
        Assert.Equal(2 * (prefix.Length + message.Length), bytes.Length);
        Assert.Equal(prefix.Concat(message).Concat(prefix).Concat(message), bytes);
        Assert.True(message.Length > "<86>1 - h a - - - \u00e9t\u00e9 \u2603".Length); // the count is of UTF-8 bytes
    }
}
