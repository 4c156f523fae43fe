using System;
using System.Collections.Concurrent;
using System.Net.Http;

namespace OktaIntegration.Core.Auth;

/// <summary>
/// The latest DPoP nonce per origin. Okta rotates it daily and honours one for three days, so it
/// is kept for the connection's life and replaced whenever any response carries a new one.
/// </summary>
public sealed class DPoPNonceStore
{
    private readonly ConcurrentDictionary<string, string> _nonces = new(StringComparer.OrdinalIgnoreCase);

    public string? Get(Uri uri) => _nonces.TryGetValue(uri.GetLeftPart(UriPartial.Authority), out var n) ? n : null;

    /// <summary>Stores the response's DPoP-Nonce header, if any; true when it changed.</summary>
    public bool Observe(HttpResponseMessage response)
    {
        if (response.RequestMessage?.RequestUri is not { } uri) return false;
        if (!response.Headers.TryGetValues("DPoP-Nonce", out var values)) return false;
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            var origin = uri.GetLeftPart(UriPartial.Authority);
            var changed = !_nonces.TryGetValue(origin, out var old) || old != value;
            _nonces[origin] = value.Trim();
            return changed;
        }
        return false;
    }
}
