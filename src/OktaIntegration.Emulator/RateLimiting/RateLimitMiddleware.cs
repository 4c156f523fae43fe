using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using OktaIntegration.Emulator.Faults;
using OktaIntegration.Emulator.Infrastructure;

namespace OktaIntegration.Emulator.RateLimiting;

/// <summary>
/// Adds X-Rate-Limit-* to every API and token response and refuses with 429 E0000047 (no
/// Retry-After, as Okta) when the bucket is spent. Also enforces the concurrency limit, whose
/// 429 reports Limit 0 / Remaining 0 and an estimated reset.
/// </summary>
public sealed class RateLimitMiddleware
{
    private readonly RequestDelegate _next;
    private readonly EmulatorRateLimiter _limiter;
    private readonly EmulatorOptions _options;
    private readonly FaultInjector _faults;
    private int _inFlight;

    public RateLimitMiddleware(RequestDelegate next, EmulatorRateLimiter limiter, EmulatorOptions options, FaultInjector faults)
    {
        _next = next;
        _limiter = limiter;
        _options = options;
        _faults = faults;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (!path.StartsWith("/api/", StringComparison.Ordinal) && !path.StartsWith("/oauth2/", StringComparison.Ordinal))
        {
            await _next(context);
            return;
        }

        var inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            var now = DateTimeOffset.UtcNow;
            if (inFlight > _options.ConcurrencyLimit || _faults.Take(path, FaultKind.ConcurrencyLimit))
            {
                SetHeaders(context, 0, 0, now.AddSeconds(1).ToUnixTimeSeconds(), duplicateReset: false);
                await OktaErrors.WriteRateLimitAsync(context);
                return;
            }
            var decision = _limiter.Take(path, now);
            var duplicate = _faults.Take(path, FaultKind.DuplicateRateLimitHeaders);
            SetHeaders(context, decision.Limit, decision.Remaining, decision.ResetEpochSeconds, duplicate);
            if (_faults.Take(path, FaultKind.RateLimitResetInPast))
            {
                SetHeaders(context, decision.Limit, 0, now.AddSeconds(-5).ToUnixTimeSeconds(), duplicateReset: false);
                await OktaErrors.WriteRateLimitAsync(context);
                return;
            }
            if (_faults.Take(path, FaultKind.RateLimitWithoutHeaders))
            {
                foreach (var name in new[] { "X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset" }) context.Response.Headers.Remove(name);
                await OktaErrors.WriteRateLimitAsync(context);
                return;
            }
            if (!decision.Allowed || _faults.Take(path, FaultKind.RateLimit))
            {
                context.Response.Headers["X-Rate-Limit-Remaining"] = "0";
                await OktaErrors.WriteRateLimitAsync(context);
                return;
            }
            await _next(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void SetHeaders(HttpContext context, int limit, int remaining, long reset, bool duplicateReset)
    {
        var headers = context.Response.Headers;
        headers["X-Rate-Limit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["X-Rate-Limit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        // Okta has been seen sending a header twice; clients must take the minimum.
        headers["X-Rate-Limit-Reset"] = duplicateReset
            ? new Microsoft.Extensions.Primitives.StringValues(new[] { (reset + 30).ToString(CultureInfo.InvariantCulture), reset.ToString(CultureInfo.InvariantCulture) })
            : reset.ToString(CultureInfo.InvariantCulture);
    }
}
