using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Siem.Entra;


namespace OktaIntegration.Core.Siem.Destinations;

/// <summary>
/// Microsoft Sentinel through the Azure Monitor Logs Ingestion API: an Entra client-credentials
/// token (a client secret or a certificate's signed client assertion; scope
/// https://monitor.azure.com//.default, kept until shortly before it expires), then
/// POSTs of JSON arrays to {endpoint}/dataCollectionRules/{id}/streams/{stream}, each at most
/// 1 MB (the API's limit), 204 meaning accepted. 429 and 5xx are retried after Retry-After.
/// The API has no dedupe: a call whose response is lost and is sent again stores its rows twice.
/// </summary>
public sealed class SentinelIngestionDestination : ISiemDestination
{
    public const int MaxCallBytes = 1_000_000;
    private const string ApiVersion = "2023-01-01";

    private readonly HttpClient _http;
    private readonly Uri _tokenUri;
    private readonly EntraClientCredential _credential;
    private readonly Uri _ingestUri;
    private readonly SemaphoreSlim _tokenGate = new(1, 1);
    private string? _token;
    private DateTimeOffset _tokenExpires;

    public SentinelIngestionDestination(Uri endpoint, string dcrImmutableId, string stream, string tenantId, string clientId, string clientSecret,
        Uri? authority = null, HttpMessageHandler? handler = null)
        : this(endpoint, dcrImmutableId, stream, tenantId, new EntraClientSecret(clientId, clientSecret), authority, handler)
    {
    }

    public SentinelIngestionDestination(Uri endpoint, string dcrImmutableId, string stream, string tenantId, EntraClientCredential credential,
        Uri? authority = null, HttpMessageHandler? handler = null)
    {
        foreach (var (name, uri) in new[] { ("data collection endpoint", endpoint), ("authority", authority ?? new Uri("https://login.microsoftonline.com/")) })
        {
            DestinationUrl.Check(uri, name, "the client credentials and the events must not travel in clear text");
        }
        if (string.IsNullOrWhiteSpace(dcrImmutableId) || string.IsNullOrWhiteSpace(stream)) throw new ArgumentException("The DCR immutable id and the stream name are required.");
        if (string.IsNullOrWhiteSpace(tenantId)) throw new ArgumentException("The Entra tenant id is required.");
        Endpoint = new Uri(endpoint.GetLeftPart(UriPartial.Authority) + "/");
        DcrImmutableId = dcrImmutableId;
        Stream = stream;
        TenantId = tenantId;
        _credential = credential ?? throw new ArgumentNullException(nameof(credential));
        _tokenUri = new Uri(authority ?? new Uri("https://login.microsoftonline.com/"), Uri.EscapeDataString(tenantId) + "/oauth2/v2.0/token");
        _ingestUri = new Uri(Endpoint, $"dataCollectionRules/{Uri.EscapeDataString(dcrImmutableId)}/streams/{Uri.EscapeDataString(stream)}?api-version={ApiVersion}");
        _http = DestinationHttpClient.Create(handler);
    }

    public Uri Endpoint { get; }

    public string DcrImmutableId { get; }

    public string Stream { get; }

    public string TenantId { get; }

    public string ClientId => _credential.ClientId;

    /// <summary>"client secret" or "certificate THUMBPRINT": how the app signs in (never the secret).</summary>
    public string CredentialKind => _credential.Kind;

    public string Description => $"Sentinel Logs Ingestion {DestinationUrl.Shown(Endpoint)} {Stream}";

    public bool Deduplicates => false;

    public async Task<SiemSendResult> SendAsync(SiemBatch batch, CancellationToken cancellationToken)
    {
        var statuses = new SiemItemStatus[batch.Count];
        TimeSpan? retryAfter = null;
        string? detail = null;
        string token;
        try
        {
            token = await TokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (EntraTokenRefusedException ex)
        {
            return SiemSendResult.All(batch.Count, SiemItemStatus.Rejected, detail: ex.Message);
        }
        foreach (var (body, start, count) in Calls(batch))
        {
            SiemItemStatus outcome;
            if (body == null)
            {
                outcome = SiemItemStatus.Rejected;
                detail = "one event is larger than the 1 MB a Logs Ingestion call may carry";
            }
            else
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _ingestUri) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is 200 or 204) outcome = SiemItemStatus.Acknowledged;
                else if (status == 429 || status >= 500)
                {
                    outcome = SiemItemStatus.Retry;
                    retryAfter = response.Headers.RetryAfter?.Delta ?? retryAfter;
                    detail = $"HTTP {status}";
                }
                else if (status == 401)
                {
                    _token = null; // expired or revoked: a new one on the next attempt
                    outcome = SiemItemStatus.Retry;
                    detail = "HTTP 401";
                }
                else
                {
                    outcome = SiemItemStatus.Rejected;
                    detail = $"HTTP {status} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}";
                }
            }
            for (var i = start; i < start + count; i++) statuses[i] = outcome;
        }
        return new SiemSendResult(statuses, retryAfter, detail);
    }

    /// <summary>JSON arrays of at most MaxCallBytes; a single record too large on its own is returned with a null body.</summary>
    private static IEnumerable<(byte[]? Body, int Start, int Count)> Calls(SiemBatch batch)
    {
        var buffer = new MemoryStream();
        var start = 0;
        var count = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var json = batch.Records[i].Json;
            if (json.Length + 2 > MaxCallBytes)
            {
                if (count > 0) yield return (Close(buffer), start, count);
                yield return (null, i, 1);
                buffer = new MemoryStream();
                start = i + 1;
                count = 0;
                continue;
            }
            if (count > 0 && buffer.Length + 1 + json.Length + 1 > MaxCallBytes)
            {
                yield return (Close(buffer), start, count);
                buffer = new MemoryStream();
                start = i;
                count = 0;
            }
            buffer.WriteByte(count == 0 ? (byte)'[' : (byte)',');
            var bytes = json.ToArray();
            buffer.Write(bytes, 0, bytes.Length);
            count++;
        }
        if (count > 0) yield return (Close(buffer), start, count);
    }

    private static byte[] Close(MemoryStream buffer)
    {
        buffer.WriteByte((byte)']');
        return buffer.ToArray();
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (_token != null && DateTimeOffset.UtcNow < _tokenExpires) return _token;
        await _tokenGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token != null && DateTimeOffset.UtcNow < _tokenExpires) return _token;
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["scope"] = "https://monitor.azure.com//.default",
            };
            _credential.AddTo(form, _tokenUri); // a certificate signs a new assertion for each request
            using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUri) { Content = new FormUrlEncodedContent(form) };
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            using var doc = JsonDocument.Parse(text);
            if (!response.IsSuccessStatusCode || !doc.RootElement.TryGetProperty("access_token", out var token))
            {
                var error = doc.RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
                var description = doc.RootElement.TryGetProperty("error_description", out var d) ? d.GetString() : null;
                var message = $"Entra refused the {_credential.Kind} of app {_credential.ClientId} in tenant {TenantId}: HTTP {(int)response.StatusCode} {error} {description}";
                var status = (int)response.StatusCode;
                if (status >= 400 && status < 500 && status != 429) throw new EntraTokenRefusedException(message);
                throw new SiemDeliveryException(message);
            }
            var lifetime = doc.RootElement.TryGetProperty("expires_in", out var x) && x.TryGetInt32(out var seconds) ? seconds : 3599;
            _token = token.GetString();
            _tokenExpires = DateTimeOffset.UtcNow.AddSeconds(Math.Max(30, lifetime - 300));
            return _token!;
        }
        finally
        {
            _tokenGate.Release();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _tokenGate.Dispose();
        (_credential as IDisposable)?.Dispose();
    }

    public override string ToString() => Description;
}
