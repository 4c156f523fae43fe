using System;
using System.Net;
using System.Net.Http;

namespace OktaIntegration.Core.Http;

/// <summary>
/// A completed response whose body has been read whole. Reading the body inside the retry loop
/// is what lets a connection reset mid-body or a truncated page be retried like any other
/// failure instead of surfacing as a half-read page.
/// </summary>
public sealed class OktaResponse
{
    public OktaResponse(HttpResponseMessage message, byte[] body, int bodyLength)
    {
        Message = message;
        Body = body;
        BodyLength = bodyLength;
        RateLimit = RateLimitHeaders.From(message);
    }

    /// <summary>Status and headers; its content has already been consumed into <see cref="Body"/>.</summary>
    public HttpResponseMessage Message { get; }

    public HttpStatusCode StatusCode => Message.StatusCode;

    public bool IsSuccess => Message.IsSuccessStatusCode;

    /// <summary>The body bytes; only the first <see cref="BodyLength"/> are valid.</summary>
    public byte[] Body { get; }

    public int BodyLength { get; }

    public ReadOnlyMemory<byte> BodyMemory => new(Body, 0, BodyLength);

    public RateLimitHeaders RateLimit { get; }

    public Uri? NextLink => LinkHeader.FindNext(Message);

    public string? RequestId => OktaErrorParser.FirstHeader(Message, "X-Okta-Request-Id");

    public OktaApiException ToException()
    {
        var exact = new byte[BodyLength];
        Array.Copy(Body, exact, BodyLength);
        return OktaErrorParser.FromResponse(Message, exact);
    }
}
