using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OktaIntegration.Emulator.Users;

/// <summary>
/// Okta answers 411 Length Required to a POST or PUT that has neither a body nor
/// Content-Length: 0 (lifecycle calls, zone activation). Clients must send the header. The
/// answer comes from Okta's front end rather than the API, so it is not Okta's error JSON.
/// </summary>
internal static class BodylessPost
{
    public static IResult? RequireContentLength(HttpContext context)
    {
        if (context.Request.ContentLength != null || context.Request.Headers.ContainsKey("Transfer-Encoding")) return null;
        return new LengthRequiredResult();
    }

    private sealed class LengthRequiredResult : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status411LengthRequired;
            httpContext.Response.ContentType = "text/plain";
            return httpContext.Response.WriteAsync("Length Required");
        }
    }
}
