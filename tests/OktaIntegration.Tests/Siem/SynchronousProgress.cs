using System;
using OktaIntegration.Core.Siem;

namespace OktaIntegration.Tests.Siem;

/// <summary>Progress reported on the exporter's own thread, in order (Progress&lt;T&gt; posts to the pool).</summary>
internal sealed class SynchronousProgress : IProgress<SiemExportSummary>
{
    private readonly Action<SiemExportSummary> _report;

    public SynchronousProgress(Action<SiemExportSummary> report) => _report = report;

    public void Report(SiemExportSummary value) => _report(value);
}
