using System;
using System.Buffers;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace OktaIntegration.Core.Http;

/// <summary>
/// The only place OktaIntegration talks HTTP. Per call it: refuses any origin but the org's,
/// paces against known rate-limit buckets, builds a fresh request per attempt, authenticates it,
/// reads the body whole, lets the caller parse it, and retries what Okta says is retryable.
/// </summary>
public sealed class OktaTransport : IDisposable
{
    private const int MaxAuthRecoveries = 2;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly IRequestAuthenticator? _authenticator;
    private readonly RetryPolicy _retry;
    private readonly RateLimitPacer _pacer;
    private readonly ITransportLog _log;
    private readonly string _userAgent;

    public OktaTransport(OrgUrl org, IRequestAuthenticator? authenticator, RetryOptions? retryOptions = null,
        HttpMessageHandler? handler = null, ITransportLog? log = null, Func<double>? random = null)
    {
        Org = org;
        var options = retryOptions ?? new RetryOptions();
        _retry = new RetryPolicy(options, random);
        Clock = new ClockOffsetEstimator();
        _pacer = new RateLimitPacer(Clock, options.PacingReserve);
        _http = handler == null ? new HttpClient(CreateDefaultHandler(null, null)) : new HttpClient(handler, disposeHandler: false);
        _ownsHttp = true;
        _http.Timeout = Timeout.InfiniteTimeSpan; // per-attempt timeouts are ours, so they can be retried
        _authenticator = authenticator;
        _log = new ScopedTransportLog(log ?? NullTransportLog.Instance);
        _userAgent = "OktaIntegration/" + typeof(OktaTransport).Assembly.GetName().Version?.ToString(3);
        _authenticator?.Attach(this);
    }

    public OrgUrl Org { get; }

    public ClockOffsetEstimator Clock { get; }

    public ITransportLog Log => _log;

    public RetryOptions Options => _retry.Options;

    /// <summary>
    /// How long a new connection may take to be accepted. A host that never answers (a firewall
    /// dropping packets, a wrong address) fails after this instead of the whole request timeout;
    /// at connect time that is <see cref="OrgUnreachableException"/>, mid-run it is retried.
    /// </summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The handler used when the caller gives none: system proxy unless one is named (the credential goes to whichever is used), no cookies, decompression on, and on .NET 8 a <see cref="ConnectTimeout"/> (.NET Framework's own connect timeout is the OS's, about 21 s).</summary>
    public static HttpMessageHandler CreateDefaultHandler(Uri? proxy, NetworkCredential? proxyCredential)
    {
#if NET8_0_OR_GREATER
        var handler = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout };
#else
        LegacyTlsDefaults.EnsureTls12();
        var handler = new HttpClientHandler();
#endif
        handler.UseCookies = false;
        handler.AllowAutoRedirect = false; // a redirect could carry our Authorization header elsewhere
        handler.AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate;
        if (proxy != null)
        {
            handler.Proxy = new WebProxy(proxy) { Credentials = proxyCredential };
            handler.UseProxy = true;
        }
        else if (proxyCredential != null)
        {
            // No -Proxy: the credential is for the system proxy (HTTPS_PROXY, the OS setting).
            // The handler's Proxy is null when the system proxy is used, so it goes here.
            handler.DefaultProxyCredentials = proxyCredential;
        }
        return handler;
    }

    public Task<OktaResponse> SendAsync(OktaRequest request, CancellationToken cancellationToken) =>
        SendAsync(request, static r => r, cancellationToken);

    /// <summary>
    /// Sends <paramref name="request"/> until it succeeds and <paramref name="parse"/> accepts the
    /// body. A <see cref="ResponseBodyException"/> or <see cref="System.Text.Json.JsonException"/>
    /// from <paramref name="parse"/> counts as a failed attempt and is retried.
    /// </summary>
    public async Task<T> SendAsync<T>(OktaRequest request, Func<OktaResponse, T> parse, CancellationToken cancellationToken)
    {
        Org.EnsureSameOrigin(request.Uri);
        var bucket = RateLimitPacer.BucketKey(request.Method, request.Uri);
        var retries = 0;
        var recoveries = 0;
        request.RepeatedAfterUnknownOutcome = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await PaceAsync(bucket, cancellationToken).ConfigureAwait(false);

            OktaResponse? response = null;
            Exception? failure = null;
            var sent = DateTimeOffset.UtcNow;
            try
            {
                response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
            {
                failure = ex;
            }
            finally
            {
                if (response == null) _pacer.Observe(bucket, default, tookSlot: true);
            }

            if (response != null)
            {
                Clock.Observe(response.RateLimit.ServerDate, sent, DateTimeOffset.UtcNow);
                _pacer.Observe(bucket, response.RateLimit, tookSlot: true);
                _authenticator?.Observe(response.Message);
                _log.Debug($"{(int)response.StatusCode} {request.Method.ToString().ToUpperInvariant()} {request.Uri.AbsolutePath} rate-limit {response.RateLimit}");

                if (response.IsSuccess)
                {
                    try
                    {
                        return parse(response);
                    }
                    catch (Exception ex) when (ex is ResponseBodyException || ex is System.Text.Json.JsonException)
                    {
                        if (!request.ResendWhenOutcomeUnknown)
                        {
                            throw new OktaApiException(
                                $"{Describe(request)} was carried out (HTTP {(int)response.StatusCode}) but its answer was incomplete or not valid JSON; it is not sent again, since that would repeat it. Read the object back to see its state.",
                                response.StatusCode, requestId: response.RequestId, requestUri: OktaErrorParser.StripQuery(request.Uri), innerException: ex);
                        }
                        failure = new ResponseBodyException($"The response body of {request.Uri.AbsolutePath} was incomplete or not valid JSON.", ex);
                    }
                }
                else if (request.AcceptFailure?.Invoke(response) == true)
                {
                    return parse(response);
                }
                else if (request.Authenticate && _authenticator != null && recoveries < MaxAuthRecoveries
                         && await _authenticator.TryRecoverAsync(response, cancellationToken).ConfigureAwait(false))
                {
                    recoveries++;
                    _log.Debug($"Renewed credentials after {(int)response.StatusCode}; sending {request.Uri.AbsolutePath} again.");
                    continue;
                }
                else
                {
                    if (!request.ResendWhenOutcomeUnknown && (int)response.StatusCode >= 500)
                    {
                        _log.Warning($"{Describe(request)} answered {(int)response.StatusCode} and is not sent again: Okta may have carried it out before failing, and a second send could repeat it. Check the org before repeating the call.");
                        throw response.ToException();
                    }
                    retries++;
                    var delay = _retry.DelayAfterStatus(response.StatusCode, response.RateLimit, retries);
                    if (delay is null) throw response.ToException();
                    var reason = response.RateLimit.IsConcurrencyLimit && (int)response.StatusCode == 429
                        ? "concurrency limit"
                        : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if ((int)response.StatusCode >= 500) request.RepeatedAfterUnknownOutcome = true;
                    _log.Debug($"Retry {retries}/{Options.MaxRetries} of {request.Uri.AbsolutePath} after {reason} in {delay.Value.TotalMilliseconds:0} ms ({response.RateLimit}).");
                    var rateLimitWait = (int)response.StatusCode == 429 && !response.RateLimit.IsConcurrencyLimit;
                    if (rateLimitWait)
                        _log.Warning($"Okta rate limit reached for {request.Uri.AbsolutePath}; waiting {delay.Value.TotalSeconds:0.#} s for the window to reset.");
                    var waitReason = rateLimitWait
                        ? (response.RateLimit.TimeUntilReset != null ? "for the rate limit to reset (X-Rate-Limit-Reset)" : "after a 429 without rate-limit headers")
                        : $"before retry {retries}/{Options.MaxRetries} of {request.Uri.AbsolutePath} after {reason}";
                    await WaitAsync(delay.Value, waitReason, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            var unreachable = OrgUnreachableException.DescribeUnreachable(failure!);
            if (!request.RetryUnreachable && unreachable is { } cause)
                throw new OrgUnreachableException(request.Uri.Host, cause, failure!);
            // Not reaching the org at all (no address, connection refused) sent nothing; anything
            // later (a timeout, a reset) may have reached Okta.
            if (!request.ResendWhenOutcomeUnknown && unreachable == null)
            {
                throw new OktaApiException(
                    $"{Describe(request)} failed before its answer arrived ({failure!.Message}) and is not sent again: Okta may have carried it out, and a second send could repeat it. Check the org before repeating the call.",
                    requestUri: OktaErrorParser.StripQuery(request.Uri), innerException: failure);
            }
            retries++;
            var backoff = _retry.DelayAfterTransportFailure(retries);
            if (backoff is null)
            {
                // A write's attempts may have reached Okta before their answers were lost: say so,
                // so nobody reads "could not complete" as "nothing was changed".
                var maybeDone = request.Method == HttpMethodKind.Get ? string.Empty : " Okta may have carried out one of the attempts before its answer was lost: check the object before repeating the call.";
                throw new OktaApiException(
                    $"Could not complete {Describe(request)} after {retries} attempts: {failure!.Message.TrimEnd('.')}.{maybeDone}",
                    requestUri: OktaErrorParser.StripQuery(request.Uri), innerException: failure);
            }
            if (unreachable == null) request.RepeatedAfterUnknownOutcome = true;
            _log.Debug($"Retry {retries}/{Options.MaxRetries} of {request.Uri.AbsolutePath} after {failure!.GetType().Name}: {failure.Message}; waiting {backoff.Value.TotalMilliseconds:0} ms.");
            await WaitAsync(backoff.Value, $"before retry {retries}/{Options.MaxRetries} of {request.Uri.AbsolutePath} after a network failure", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>"POST /api/v1/groups": the method and the path, without the query.</summary>
    private static string Describe(OktaRequest request) => $"{request.Method.ToString().ToUpperInvariant()} {request.Uri.AbsolutePath}";

    /// <summary>
    /// Waits while the bucket is spent down to its reserve. Bounded by MaxRateLimitWait: if
    /// headers promise a reset absurdly far out, one request goes anyway and Okta's answer decides.
    /// </summary>
    private async Task PaceAsync(string bucket, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        var wait = _pacer.Reserve(bucket);
        while (wait > TimeSpan.Zero && waited < Options.MaxRateLimitWait)
        {
            if (wait > Options.MaxRateLimitWait - waited) wait = Options.MaxRateLimitWait - waited;
            _log.Debug($"Pacing {bucket}: waiting {wait.TotalMilliseconds:0} ms for the rate-limit window to reset.");
            await WaitAsync(wait, "for the rate limit to reset (X-Rate-Limit-Reset)", cancellationToken).ConfigureAwait(false);
            waited += wait;
            wait = _pacer.Reserve(bucket);
        }
    }

    /// <summary>
    /// Sleeps; a wait longer than <see cref="NoticeableWait"/> is said in Verbose and, through
    /// <see cref="ITransportWaitLog"/>, in the progress bar, so a paced run never looks hung.
    /// </summary>
    private async Task WaitAsync(TimeSpan wait, string reason, CancellationToken cancellationToken)
    {
        if (wait <= NoticeableWait)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            return;
        }
        var waitLog = _log as ITransportWaitLog;
        _log.Verbose($"waiting {Math.Ceiling(wait.TotalSeconds):0} s {reason}");
        waitLog?.WaitStarted(wait, reason);
        try
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            waitLog?.WaitEnded();
        }
    }

    /// <summary>Waits up to this long pass silently (backoffs, brief pacing); longer ones are reported.</summary>
    public static readonly TimeSpan NoticeableWait = TimeSpan.FromSeconds(2);

    private async Task<OktaResponse> SendOnceAsync(OktaRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(OktaRequest.ToHttpMethod(request.Method), request.Uri);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.UserAgent.ParseAdd(_userAgent);
        var content = request.ContentFactory?.Invoke();
        if (content == null && (request.Method is HttpMethodKind.Post or HttpMethodKind.Put or HttpMethodKind.Patch))
        {
            // Okta answers 411 to a body-less POST/PUT without Content-Length: 0.
            content = new ByteArrayContent(Array.Empty<byte>());
            content.Headers.ContentLength = 0;
        }
        message.Content = content;
        if (request.PrepareAttempt != null) await request.PrepareAttempt(message, cancellationToken).ConfigureAwait(false);
        if (request.Authenticate && _authenticator != null) await _authenticator.ApplyAsync(message, cancellationToken).ConfigureAwait(false);

        _log.Verbose($"{request.Method.ToString().ToUpperInvariant()} {Redaction.RedactUrl(request.Uri)}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.RequestTimeout);
        var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        try
        {
            var (body, length) = await ReadBodyAsync(response, request.BodyPool, timeout.Token).ConfigureAwait(false);
            return new OktaResponse(response, body, length);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<(byte[] Body, int Length)> ReadBodyAsync(HttpResponseMessage response, ResponseBodyPool? pool, CancellationToken cancellationToken)
    {
        if (response.Content == null) return (Array.Empty<byte>(), 0);
        var expected = response.Content.Headers.ContentLength;
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var size = expected is > 0 and < int.MaxValue ? (int)expected.Value : 64 * 1024;
        var buffer = pool?.Rent(size) ?? new byte[size];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                // A body of exactly the announced length: confirm the end with a one-byte read
                // rather than doubling the buffer (a large page would be copied for nothing).
                if (expected == length && await stream.ReadAsync(new byte[1], 0, 1, cancellationToken).ConfigureAwait(false) == 0) break;
                var larger = pool?.Rent(buffer.Length * 2) ?? new byte[buffer.Length * 2];
                Buffer.BlockCopy(buffer, 0, larger, 0, length);
                pool?.Return(buffer); // nothing refers to it: the body has not been handed to anyone yet
                buffer = larger;
            }
            var read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            length += read;
        }
        if (expected.HasValue && length != expected.Value)
            throw new ResponseBodyException($"The response ended after {length} of {expected.Value} bytes.");
        return (buffer, length);
    }

    private static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException || ex is IOException || ex is ResponseBodyException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
        _authenticator?.Dispose();
    }
}
