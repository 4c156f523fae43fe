using Microsoft.Extensions.DependencyInjection;
using OktaIntegration.Emulator.Siem;

namespace OktaIntegration.Emulator;

internal static partial class EmulatorExtensions
{
    /// <summary>The SIEM receivers (Splunk HEC, ...) that Export-OktaSystemLog's tests and benchmarks send to.</summary>
    static partial void ConfigureSiem(IServiceCollection services, EmulatorOptions options)
    {
        services.AddSingleton<SplunkHecReceiver>();
        services.AddSingleton<ElasticBulkReceiver>();
        services.AddSingleton(_ =>
        {
            var sentinel = new SentinelIngestionReceiver();
            foreach (var certificate in options.EntraCertificates) sentinel.RegisterCertificate(certificate);
            return sentinel;
        });
    }
}
