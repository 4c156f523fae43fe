using Microsoft.AspNetCore.Routing;

namespace OktaIntegration.Emulator.Endpoints;

/// <summary>The emulated org's System Log (GET /api/v1/logs).</summary>
internal static class SystemLogEndpoints
{
    public static void MapSystemLog(this IEndpointRouteBuilder app)
    {
    }
}
