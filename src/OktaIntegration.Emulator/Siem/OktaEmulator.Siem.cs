using Microsoft.Extensions.DependencyInjection;
using OktaIntegration.Emulator.Siem;

namespace OktaIntegration.Emulator;

public sealed partial class OktaEmulator
{
    /// <summary>The emulated Splunk HTTP Event Collector on this emulator's origin (/services/collector/...).</summary>
    public SplunkHecReceiver SplunkHec => _app.Services.GetRequiredService<SplunkHecReceiver>();

    /// <summary>The emulated Elasticsearch _bulk API on this emulator's origin (/_bulk).</summary>
    public ElasticBulkReceiver Elastic => _app.Services.GetRequiredService<ElasticBulkReceiver>();

    /// <summary>The emulated Logs Ingestion API and Entra token endpoint on this emulator's origin.</summary>
    public SentinelIngestionReceiver Sentinel => _app.Services.GetRequiredService<SentinelIngestionReceiver>();
}
