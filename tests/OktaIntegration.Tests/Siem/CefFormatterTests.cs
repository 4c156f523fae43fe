using System;
using System.Text;
using OktaIntegration.Core.Siem.Syslog;
using Xunit;

namespace OktaIntegration.Tests.Siem;

/// <summary>CEF escaping with hostile input: header '\' and '|', extension '\', '=', line breaks; keys restricted.</summary>
public sealed class CefFormatterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a|b", "a\\|b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("\\|", "\\\\\\|")]
    [InlineData("trailing\\", "trailing\\\\")]
    [InlineData("x=y", "x=y")]
    [InlineData("line\nbreak\r\n", "line break  ")]
    [InlineData("tab\there\0", "tab here ")]
    public void Header_fields_escape_backslash_and_pipe(string input, string expected) => Assert.Equal(expected, CefFormatter.EscapeHeader(input));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a=b", "a\\=b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("\\=", "\\\\\\=")]
    [InlineData("a|b", "a|b")]
    [InlineData("line\nbreak", "line\\nbreak")]
    [InlineData("cr\rlf\r\n", "cr\\rlf\\r\\n")]
    [InlineData("fake key=value suser=root", "fake key\\=value suser\\=root")]
    [InlineData("tab\tnul\0", "tab nul ")]
    [InlineData("\u00e9t\u00e9 \u2603", "\u00e9t\u00e9 \u2603")]
    public void Extension_values_escape_backslash_equals_and_line_breaks(string input, string expected) => Assert.Equal(expected, CefFormatter.EscapeExtensionValue(input));

    [Theory]
    [InlineData("suser", true)]
    [InlineData("cs1Label", true)]
    [InlineData("", false)]
    [InlineData("1st", false)]
    [InlineData("a b", false)]
    [InlineData("a=b", false)]
    [InlineData("a_b", false)]
    [InlineData("a.b", false)]
    [InlineData("\u00e9", false)]
    public void Keys_are_ascii_letters_and_digits(string key, bool valid) => Assert.Equal(valid, CefFormatter.IsValidKey(key));

    [Fact]
    public void A_hostile_event_stays_one_line_and_every_value_parses_back()
    {
        var json = """
            {"uuid":"u|1=2","published":"2026-11-29T03:04:05.678Z","eventType":"user.session.start","version":"0","severity":"WARN",
             "displayMessage":"Sign|in \\ with\nnewline","actor":{"id":"00u1","alternateId":"eve=admin\\ suser=root\r\nCEF:0|x"},
             "client":{"ipAddress":"not-an-ip","userAgent":{"rawUserAgent":"UA|1"}},"outcome":{"result":"FAILURE","reason":"a=b"},
             "target":[{"id":"00u2","alternateId":"t\\arget"}],"transaction":{"id":"tx"}}
            """;
        var cef = CefFormatter.Format(Encoding.UTF8.GetBytes(json), null);
        Assert.DoesNotContain('\n', cef);
        Assert.DoesNotContain('\r', cef);
        Assert.StartsWith("CEF:0|Okta|System Log|0|user.session.start|Sign\\|in \\\\ with newline|6|", cef);
        var extension = cef.Substring("CEF:0|Okta|System Log|0|user.session.start|Sign\\|in \\\\ with newline|6|".Length);
        var values = ParseExtension(extension);
        Assert.Equal("u|1=2", values["externalId"]);
        Assert.Equal("eve=admin\\ suser=root\r\nCEF:0|x", values["suser"]);
        Assert.Equal("a=b", values["reason"]);
        Assert.Equal("Sign|in \\ with\nnewline", values["msg"]);
        Assert.Equal("t\\arget", values["duser"]);
        Assert.Equal("1795921445678", values["rt"]);
        Assert.False(values.ContainsKey("src")); // not an IP address: left out rather than sent where CEF wants one
        Assert.Equal(13, values.Count);
    }

    /// <summary>A strict CEF extension reader: key=value pairs, a value running to the space before the next unescaped key=.</summary>
    private static System.Collections.Generic.Dictionary<string, string> ParseExtension(string extension)
    {
        var result = new System.Collections.Generic.Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < extension.Length)
        {
            var eq = extension.IndexOf('=', i);
            var key = extension.Substring(i, eq - i);
            Assert.True(CefFormatter.IsValidKey(key), $"bad key '{key}'");
            var value = new StringBuilder();
            var j = eq + 1;
            while (j < extension.Length)
            {
                var c = extension[j];
                if (c == '\\')
                {
                    var n = extension[j + 1];
                    value.Append(n switch { 'n' => '\n', 'r' => '\r', '\\' => '\\', '=' => '=', _ => throw new InvalidOperationException($"unknown escape \\{n}") });
                    j += 2;
                    continue;
                }
                Assert.NotEqual('=', c);
                if (c == ' ' && NextIsKey(extension, j + 1)) break;
                value.Append(c);
                j++;
            }
            result.Add(key, value.ToString());
            i = j + 1;
        }
        return result;
    }

    private static bool NextIsKey(string s, int from)
    {
        var k = from;
        while (k < s.Length && (char.IsAsciiLetterOrDigit(s[k]))) k++;
        return k > from && k < s.Length && s[k] == '=';
    }
}
