using System;
using System.Linq;
using OktaIntegration.Core.Siem;
using Xunit;

namespace OktaIntegration.Tests.Siem;

/// <summary>The in-line copies and comparisons read overlapping words: every length, and a difference at every position, must count.</summary>
public class ShortBytesTests
{
    [Fact]
    public void Copies_and_comparisons_of_every_length_up_to_the_limit_and_beyond_are_exact()
    {
        for (var n = 0; n <= ShortBytes.MaxLength + 4; n++)
        {
            var a = Enumerable.Range(1, n).Select(i => (byte)i).ToArray();
            Assert.True(ShortBytes.Equal(a, a.ToArray()));
            Assert.False(ShortBytes.Equal(a, a.Concat(new byte[] { 0 }).ToArray()));
            for (var at = 0; at < n; at++)
            {
                var b = a.ToArray();
                b[at] ^= 0x80;
                Assert.False(ShortBytes.Equal(a, b));
            }
            if (n > ShortBytes.MaxLength) continue;
            var to = new byte[n + 2];
            ShortBytes.Copy(a, to.AsSpan(1, n));
            Assert.Equal(new byte[] { 0 }.Concat(a).Append((byte)0), to);
        }
    }
}
