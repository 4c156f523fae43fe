using System;

namespace OktaIntegration.Core.Http;

/// <summary>
/// A 2xx response whose body could not be used (truncated JSON, cut connection). The transport
/// treats it like a network failure: the same request is sent again.
/// </summary>
public sealed class ResponseBodyException : Exception
{
    public ResponseBodyException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
