using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Siem;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// Runs several orgs' exports with at most <c>throttle</c> at once. Each org has its own
/// connection (so its own rate-limit pacing), its own cursor and its own result: one org failing
/// ends only that org's export.
/// </summary>
public static class SystemLogExportRun
{
    public static async Task<IReadOnlyList<SiemExportSummary>> RunAsync(IReadOnlyList<SystemLogExporter> exporters, int throttle, CancellationToken cancellationToken)
    {
        if (throttle < 1) throw new ArgumentException("The throttle limit must be at least 1.");
        using var gate = new SemaphoreSlim(throttle);
        var tasks = exporters.Select(async exporter =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await exporter.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>The cursor file of one org in a cursor folder: its host name (and port), one file per org.</summary>
    public static string CursorFileName(string orgOrigin)
    {
        var uri = new Uri(orgOrigin);
        var name = uri.IsDefaultPort ? uri.Host : uri.Host + "_" + uri.Port;
        return name.ToLowerInvariant() + ".cursor";
    }
}
