using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OktaIntegration.Core.Siem;

/// <summary>
/// Copies and comparisons of at most <see cref="MaxLength"/> bytes in line, with two overlapping
/// loads of 8 (or 4) bytes. Most of what the normalizer copies and compares is this short (property
/// names, punctuation, ids, enums), where a call to the general span routines costs more than
/// the work.
/// </summary>
internal static class ShortBytes
{
    public const int MaxLength = 16;

    /// <summary>Copies <paramref name="from"/> (at most <see cref="MaxLength"/> bytes) to <paramref name="to"/>, which is as long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(ReadOnlySpan<byte> from, Span<byte> to)
    {
        var n = from.Length;
        if (to.Length != n || n > MaxLength) throw new ArgumentException("Lengths differ or exceed the short copy.", nameof(to));
        ref var source = ref MemoryMarshal.GetReference(from);
        ref var target = ref MemoryMarshal.GetReference(to);
        if (n >= 8)
        {
            Unsafe.WriteUnaligned(ref target, Unsafe.ReadUnaligned<ulong>(ref source));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, n - 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, n - 8)));
        }
        else if (n >= 4)
        {
            Unsafe.WriteUnaligned(ref target, Unsafe.ReadUnaligned<uint>(ref source));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, n - 4), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref source, n - 4)));
        }
        else
        {
            for (var i = 0; i < n; i++) Unsafe.Add(ref target, i) = Unsafe.Add(ref source, i);
        }
    }

    /// <summary>Whether two runs are the same bytes; runs longer than <see cref="MaxLength"/> take the general comparison.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var n = a.Length;
        if (b.Length != n) return false;
        if (n > MaxLength) return a.SequenceEqual(b);
        ref var x = ref MemoryMarshal.GetReference(a);
        ref var y = ref MemoryMarshal.GetReference(b);
        if (n >= 8)
        {
            return Unsafe.ReadUnaligned<ulong>(ref x) == Unsafe.ReadUnaligned<ulong>(ref y)
                && Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref x, n - 8)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref y, n - 8));
        }
        if (n >= 4)
        {
            return Unsafe.ReadUnaligned<uint>(ref x) == Unsafe.ReadUnaligned<uint>(ref y)
                && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref x, n - 4)) == Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref y, n - 4));
        }
        for (var i = 0; i < n; i++)
        {
            if (Unsafe.Add(ref x, i) != Unsafe.Add(ref y, i)) return false;
        }
        return true;
    }
}
