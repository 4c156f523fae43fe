using System;
using System.Collections.Concurrent;
using System.Threading;

namespace OktaIntegration.Core.Http;

/// <summary>
/// Spare response-body arrays for a caller that knows when it is done with a body: the export,
/// whose events leave the run only as bytes written to the destination. A System Log page of 1,000
/// events is 1.5 to 2 MB, so a fresh array per page is a large-object allocation that must be zeroed
/// and counts towards a full collection. Whoever takes a body from <see cref="Rent"/> must not
/// <see cref="Return"/> it while anything can still read it: every event of a page is a slice of
/// its body. Bodies never handed back (a failed read, a page dropped when a run stops) are simply
/// collected. Used from several threads: the reader fetches ahead on the pool. Not
/// ArrayPool&lt;byte&gt;.Shared: the netstandard2.0 build's (System.Buffers) keeps no array over
/// 1 MB, so a page body would never be pooled there, and a pool of its own cannot hand a body to
/// code that does not know its rules.
/// </summary>
internal sealed class ResponseBodyPool
{
    /// <summary>Enough for the pages one export holds at once (sent, read ahead, and the reader's own request ahead).</summary>
    private const int MaxSpares = 6;

    private readonly ConcurrentQueue<byte[]> _spares = new();
    private int _reuses;

    /// <summary>Rents served from a spare rather than a fresh array (for tests: proof the pool is in use).</summary>
    internal int Reuses => Volatile.Read(ref _reuses);

    /// <summary>Spares waiting to be rented.</summary>
    internal int Spares => _spares.Count;

    /// <summary>An array of at least <paramref name="minimumLength"/> bytes; its old content is not cleared.</summary>
    public byte[] Rent(int minimumLength)
    {
        // A spare that is too small is dropped: pages differ in size, and the next fresh array
        // has room to spare (a quarter more), so spares soon fit every page.
        while (_spares.TryDequeue(out var spare))
        {
            if (spare.Length < minimumLength) continue;
            Interlocked.Increment(ref _reuses);
            return spare;
        }
        return new byte[minimumLength + minimumLength / 4];
    }

    public void Return(byte[] body)
    {
        if (body.Length == 0 || _spares.Count >= MaxSpares) return;
        _spares.Enqueue(body);
    }
}
