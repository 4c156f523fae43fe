using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OktaIntegration.Emulator.Siem;

/// <summary>
/// Not Splunk, Elastic or Azure: the emulated destinations' ground truth (what each one stored,
/// repeats included) and their test switches, for tests that run the exporter in another process.
/// </summary>
internal static class SiemGroundTruthEndpoints
{
    public static void MapSiemGroundTruth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/emulator/elastic/ids", (HttpContext context, ElasticBulkReceiver elastic) => Results.Json(elastic.Ids(context.Request.Query["index"].ToString())));
        // (Sentinel's rows: /emulator/sentinel/rows, in SentinelIngestionEndpoints.)
        // POST /emulator/splunk/ack-pending-polls?polls=3: acks answer false that many times before true (late acks).
        app.MapPost("/emulator/splunk/ack-pending-polls", (HttpContext context, SplunkHecReceiver hec) =>
        {
            if (!int.TryParse(context.Request.Query["polls"], NumberStyles.None, CultureInfo.InvariantCulture, out var polls)) return Results.BadRequest(new { error = "polls must be a whole number" });
            hec.AckPendingPolls = polls;
            return Results.Json(new { polls });
        });
    }
}
