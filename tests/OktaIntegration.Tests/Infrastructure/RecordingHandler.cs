using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OktaIntegration.Tests.Infrastructure;

/// <summary>
/// Sits between Core and the real socket handler and records every outgoing request (URL and
/// every header and form value), so tests can prove what was and was not sent.
/// </summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private readonly List<SentRequest> _sent = new();

    public RecordingHandler()
        : base(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
    }

    public IReadOnlyList<SentRequest> Sent
    {
        get { lock (_sent) return _sent.ToArray(); }
    }

    /// <summary>Every header value and body text sent: the secrets a client handed out.</summary>
    public IEnumerable<string> AllSentValues => Sent.SelectMany(s => s.HeaderValues.Append(s.Body ?? string.Empty));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content != null ? await request.Content.ReadAsStringAsync(cancellationToken) : null;
        var headers = request.Headers.SelectMany(h => h.Value).ToList();
        lock (_sent) _sent.Add(new SentRequest(request.Method.Method, request.RequestUri!, headers, body,
            request.Headers.TryGetValues("DPoP", out var proof) ? proof.First() : null));
        return await base.SendAsync(request, cancellationToken);
    }
}

public sealed record SentRequest(string Method, Uri Uri, IReadOnlyList<string> HeaderValues, string? Body, string? DPoPProof);
