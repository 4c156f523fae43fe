using System;
using System.Linq;
using OktaIntegration.Core.Siem;
using Xunit;

namespace OktaIntegration.Tests.Siem;

/// <summary>The trusted tokenizer reads eight bytes at a time: never past the span it is given.</summary>
public class TrustedJsonTokensBoundsTests
{
    [Fact]
    public void EndOfString_never_reads_past_the_span_it_is_given()
    {
        // Quotes just past the end of the slice: reading beyond the span would find one and return
        // a position past the end. Unterminated input (never given by the page reader) may throw
        // IndexOutOfRangeException, a bounds-checked read, or answer within the span.
        for (var length = 1; length <= 130; length++)
        {
            var bytes = Enumerable.Repeat((byte)'a', length + 9).ToArray();
            bytes[0] = (byte)'"';
            for (var k = length; k < bytes.Length; k++) bytes[k] = (byte)'"';
            AssertWithin(bytes, length);
            bytes[length - 1] = (byte)'\\'; // a backslash as the span's last byte
            AssertWithin(bytes, length);
        }
    }

    private static void AssertWithin(byte[] bytes, int length)
    {
        try
        {
            Assert.InRange(TrustedJsonTokens.EndOfString(new ReadOnlySpan<byte>(bytes, 0, length), 1, out _), 0, length);
        }
        catch (IndexOutOfRangeException)
        {
            // bounds-checked
        }
    }
}
