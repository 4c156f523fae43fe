using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Threading;

namespace OktaIntegration.Emulator.Siem;

/// <summary>
/// The state of the emulated Azure Monitor Logs Ingestion API (the way into Microsoft Sentinel)
/// and its Entra token endpoint: one registered app (client secret, or certificates registered
/// with RegisterCertificate for client assertions), rows per stream (no
/// dedupe: every accepted row is stored, repeats included), 413 over 1 MB, 429 with Retry-After.
/// </summary>
public sealed class SentinelIngestionReceiver
{
    public const string TenantId = "00000000-aaaa-bbbb-cccc-000000000001";
    public const string ClientId = "11111111-aaaa-bbbb-cccc-000000000002";
    public const string ClientSecret = "emulator-entra-client-secret";
    public const string DcrImmutableId = "dcr-00000000000000000000000000000001";
    public const string Stream = "Custom-OktaSystemLog";
    public const int MaxBodyBytes = 1024 * 1024;

    private readonly object _gate = new();
    private readonly List<string> _rows = new();
    private readonly HashSet<string> _tokens = new(StringComparer.Ordinal);
    private readonly List<X509Certificate2> _certificates = new();
    private readonly HashSet<string> _spentJtis = new(StringComparer.Ordinal);
    private int _throttle;

    /// <summary>Registers a certificate's public part on the app, as uploading it under Certificates &amp; secrets does.</summary>
    public void RegisterCertificate(X509Certificate2 certificate)
    {
        lock (_gate) _certificates.Add(X509CertificateLoader.LoadCertificate(certificate.RawData)); // public part only
    }

    internal IReadOnlyList<X509Certificate2> Certificates
    {
        get { lock (_gate) return _certificates.ToArray(); }
    }

    /// <summary>False if the client assertion's jti was seen before (Entra refuses a replayed assertion).</summary>
    internal bool SpendJti(string jti)
    {
        lock (_gate) return _spentJtis.Add(jti);
    }

    /// <summary>Seconds the 429s ask to wait.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public int Throttled { get; private set; }

    public int TooLarge { get; private set; }

    public int TokensIssued { get; private set; }

    private int _lose;

    /// <summary>The next N ingestion calls are stored and then the connection is cut before the 204: a response lost in transit.</summary>
    public void LoseResponsesFor(int requests) => Interlocked.Exchange(ref _lose, requests);

    internal bool TakeLostResponse()
    {
        while (true)
        {
            var current = Volatile.Read(ref _lose);
            if (current <= 0) return false;
            if (Interlocked.CompareExchange(ref _lose, current - 1, current) == current) return true;
        }
    }

    /// <summary>The next N ingestion calls get 429 with Retry-After.</summary>
    public void ThrottleFor(int requests) => Interlocked.Exchange(ref _throttle, requests);

    /// <summary>Every row accepted, as JSON text, repeats included.</summary>
    public IReadOnlyList<string> Rows
    {
        get { lock (_gate) return _rows.ToArray(); }
    }

    internal string IssueToken()
    {
        var token = "emulated-entra-" + Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            _tokens.Add(token);
            TokensIssued++;
        }
        return token;
    }

    /// <summary>
    /// Every token issued so far stops working, as an Entra access token does when it expires
    /// (about an hour after issue): Logs Ingestion answers 401 until the client gets a new one.
    /// </summary>
    public void ExpireTokens()
    {
        lock (_gate) _tokens.Clear();
    }

    internal bool ValidToken(string token)
    {
        lock (_gate) return _tokens.Contains(token);
    }

    internal bool TakeThrottle()
    {
        while (true)
        {
            var current = Volatile.Read(ref _throttle);
            if (current <= 0) return false;
            if (Interlocked.CompareExchange(ref _throttle, current - 1, current) == current)
            {
                lock (_gate) Throttled++;
                return true;
            }
        }
    }

    internal void CountTooLarge()
    {
        lock (_gate) TooLarge++;
    }

    internal void Add(IEnumerable<string> rows)
    {
        lock (_gate) _rows.AddRange(rows);
    }
}
