using Microsoft.AspNetCore.Routing;

namespace OktaIntegration.Emulator.Endpoints;

/// <summary>The emulated org's network zones.</summary>
internal static class ZoneEndpoints
{
    public static void MapZones(this IEndpointRouteBuilder app)
    {
    }
}
