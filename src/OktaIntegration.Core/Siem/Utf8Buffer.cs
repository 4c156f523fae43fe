using System;
using System.Runtime.CompilerServices;

namespace OktaIntegration.Core.Siem;

/// <summary>
/// A growable run of UTF-8 bytes, reused event after event by one thread. The normalizer
/// assembles its output here and hands it to the caller's writer in one piece: appending bytes
/// costs a fraction of a Utf8JsonWriter call per token. Slices handed out stay valid until the
/// next <see cref="Clear"/>: growing moves the bytes to a new array and leaves the old one as it was.
/// </summary>
internal sealed class Utf8Buffer
{
    // A buffer that grew for one huge event is dropped afterwards, so a thread keeps no more than this.
    private const int RetainedCapacity = 1 << 20;

    private readonly int _initialCapacity;
    private byte[] _bytes;

    public Utf8Buffer(int initialCapacity)
    {
        _initialCapacity = initialCapacity;
        _bytes = new byte[initialCapacity];
    }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => new(_bytes, 0, Length);

    /// <summary>Copies the bytes to a stream (a span overload of Stream.Write is not in netstandard2.0).</summary>
    public void WriteTo(System.IO.Stream output) => output.Write(_bytes, 0, Length);

    /// <summary>The bytes appended since <paramref name="start"/>.</summary>
    public ReadOnlyMemory<byte> Since(int start) => new(_bytes, start, Length - start);

    // Inlined: called for every token and member of every event, with the growth out of line.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(byte b)
    {
        if (Length == _bytes.Length) Grow(1);
        _bytes[Length++] = b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _bytes.Length - Length) Grow(bytes.Length);
        var to = new Span<byte>(_bytes, Length, bytes.Length);
        if (bytes.Length <= ShortBytes.MaxLength) ShortBytes.Copy(bytes, to);
        else bytes.CopyTo(to);
        Length += bytes.Length;
    }

    /// <summary>Two runs one after the other (a member's name and its value), with one check for room.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var length = first.Length + second.Length;
        if (length > _bytes.Length - Length) Grow(length);
        var to = new Span<byte>(_bytes, Length, length);
        if (first.Length <= ShortBytes.MaxLength) ShortBytes.Copy(first, to.Slice(0, first.Length));
        else first.CopyTo(to);
        to = to.Slice(first.Length);
        if (second.Length <= ShortBytes.MaxLength) ShortBytes.Copy(second, to);
        else second.CopyTo(to);
        Length += length;
    }

    /// <summary>Room for at least <paramref name="sizeHint"/> bytes after the end; <see cref="Advance"/> by what was written.</summary>
    public Span<byte> GetSpan(int sizeHint)
    {
        if (sizeHint > _bytes.Length - Length) Grow(sizeHint);
        return new Span<byte>(_bytes, Length, _bytes.Length - Length);
    }

    public void Advance(int count) => Length += count;

    /// <summary>Forgets what was appended after <paramref name="length"/> (an object that turned out empty; no slice of it was handed out).</summary>
    public void Truncate(int length) => Length = length;

    public void Clear()
    {
        Length = 0;
        if (_bytes.Length > RetainedCapacity) _bytes = new byte[_initialCapacity];
    }

    private void Grow(int more)
    {
        var bigger = new byte[Math.Max(checked(Length + more), (int)Math.Min(int.MaxValue / 2, _bytes.Length * 2L))];
        Buffer.BlockCopy(_bytes, 0, bigger, 0, Length);
        _bytes = bigger;
    }
}
