using Microsoft.AspNetCore.Routing;

namespace OktaIntegration.Emulator.Endpoints;

/// <summary>
/// Where each API family registers its routes. One file per family (SystemLogEndpoints,
/// GroupEndpoints, UserEndpoints, ZoneEndpoints) keeps them apart.
/// </summary>
internal static class FeatureEndpoints
{
    public static void MapOktaApi(this IEndpointRouteBuilder app)
    {
        app.MapWellKnown();
        app.MapCurrentUser();
        app.MapSystemLog();
        app.MapGroups();
        app.MapUsers();
        app.MapZones();
        Siem.SplunkHecEndpoints.MapSplunkHec(app);
        Siem.ElasticBulkEndpoints.MapElasticBulk(app);
        Siem.SentinelIngestionEndpoints.MapSentinelIngestion(app);
        Siem.SiemGroundTruthEndpoints.MapSiemGroundTruth(app);
        Faults.FaultControlEndpoints.MapFaultControl(app);
        app.MapPosture();
    }
}
