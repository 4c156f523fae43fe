using System;
using System.Runtime.InteropServices;
using System.Text;

namespace OktaIntegration.Core.Json;

/// <summary>
/// Whether bytes are well-formed UTF-8. Utf8JsonReader checks the structure of JSON but not the
/// UTF-8 inside strings it is only asked to skip, so a page that passed the reader could still
/// carry bytes that no SIEM can index (and that GetString would throw on, later and elsewhere).
/// </summary>
internal static class Utf8Validation
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsValid(ReadOnlyMemory<byte> bytes)
    {
#if NET8_0_OR_GREATER
        return System.Text.Unicode.Utf8.IsValid(bytes.Span); // vectorized: about 0.1 ms for a page of 1,000 events
#else
        return IsValidByDecoding(bytes);
#endif
    }

    /// <summary>
    /// The netstandard2.0 build's check (it has no Utf8.IsValid): a strict decoder counting the
    /// characters, which throws on the first invalid sequence. Compiled into every build, so the
    /// tests compare it with Utf8.IsValid even where Windows PowerShell 5.1 cannot run.
    /// </summary>
    internal static bool IsValidByDecoding(ReadOnlyMemory<byte> bytes)
    {
        // No span overloads on netstandard2.0: decode the array behind the memory.
        var segment = MemoryMarshal.TryGetArray(bytes, out var array) ? array : new ArraySegment<byte>(bytes.ToArray());
        try
        {
            Strict.GetCharCount(segment.Array!, segment.Offset, segment.Count);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
