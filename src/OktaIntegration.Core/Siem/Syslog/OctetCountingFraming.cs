using System.Globalization;
using System.IO;
using System.Text;

namespace OktaIntegration.Core.Siem.Syslog;

/// <summary>
/// Octet-counting framing, <c>MSG-LEN SP SYSLOG-MSG</c> (RFC 6587 section 3.4.1, RFC 5425
/// section 4.3): the byte count of the message in decimal, a space, the message. Unlike a line
/// break it cannot be confused with content, so a message may hold any byte.
/// </summary>
public static class OctetCountingFraming
{
    /// <summary>Writes one frame: the length prefix, then the message bytes.</summary>
    public static void WriteFrame(Stream output, byte[] message, int offset, int count)
    {
        var prefix = Encoding.ASCII.GetBytes(count.ToString(CultureInfo.InvariantCulture) + " ");
        output.Write(prefix, 0, prefix.Length);
        output.Write(message, offset, count);
    }
}
