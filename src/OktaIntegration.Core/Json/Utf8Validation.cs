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
#if !NET8_0_OR_GREATER
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
#endif

    public static bool IsValid(ReadOnlyMemory<byte> bytes)
    {
#if NET8_0_OR_GREATER
        return System.Text.Unicode.Utf8.IsValid(bytes.Span); // vectorized: about 0.1 ms for a page of 1,000 events
#else
        // netstandard2.0 has no span overloads: decode-count the array behind the memory.
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
#endif
    }
}
