using Microsoft.AspNetCore.Routing;

namespace OktaIntegration.Emulator.Endpoints;

/// <summary>The emulated org's groups and members.</summary>
internal static class GroupEndpoints
{
    public static void MapGroups(this IEndpointRouteBuilder app)
    {
    }
}
