using System;

namespace OktaIntegration.Core.Json;

/// <summary>
/// Files users edit by hand come back with a UTF-8 byte order mark (Notepad, PowerShell 5.1's
/// Set-Content -Encoding UTF8); JsonDocument refuses it, so readers of our own files skip it.
/// </summary>
public static class Utf8Bom
{
    /// <summary>The bytes after a leading UTF-8 BOM, or all of them when there is none.</summary>
    public static ReadOnlyMemory<byte> Skip(byte[] bytes) =>
        bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
            ? new ReadOnlyMemory<byte>(bytes, 3, bytes.Length - 3)
            : bytes;
}
