using System;
using System.Net.Http;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Siem.Destinations;

/// <summary>
/// The HttpClient of an HTTP destination (HEC, _bulk, Logs Ingestion): the caller's handler when a
/// test or proxy gives one (not disposed with the client), else the default; TLS 1.2 allowed on
/// .NET Framework (see <see cref="LegacyTlsDefaults"/>); 100 s per call, so a stalled receiver
/// fails the send and the batch is retried instead of hanging the run.
/// </summary>
internal static class DestinationHttpClient
{
    public static HttpClient Create(HttpMessageHandler? handler)
    {
        LegacyTlsDefaults.EnsureTls12();
        var http = handler == null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromSeconds(100);
        return http;
    }
}
