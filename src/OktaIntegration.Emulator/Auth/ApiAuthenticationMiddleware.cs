using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using OktaIntegration.Emulator.Infrastructure;

namespace OktaIntegration.Emulator.Auth;

/// <summary>
/// Authenticates /api/v1 calls the way Okta does: SSWS (401 E0000011 for a bad token, 403
/// E0000005 for a missing or malformed header), Bearer and DPoP access tokens (401
/// invalid_token when expired or unknown; DPoP proof failures as 400 with an empty body and
/// the reason in WWW-Authenticate; optional 401 use_dpop_nonce), then the endpoint's scope
/// (403 with an empty body, insufficient_scope).
/// </summary>
internal sealed class ApiAuthenticationMiddleware
{
    private readonly RequestDelegate _next;

    public ApiAuthenticationMiddleware(RequestDelegate next)
    {
        _next = next;
    }

    public async Task InvokeAsync(HttpContext context, EmulatorOptions options, TokenStore tokens, DPoPProofValidator dpop)
    {
        var path = context.Request.Path.Value ?? "/";
        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            await _next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ');
        var scheme = space > 0 ? header.Substring(0, space) : header;
        var credential = space > 0 ? header.Substring(space + 1).Trim() : string.Empty;
        EmulatorPrincipal principal;
        var realm = $"{context.Request.Scheme}://{context.Request.Host}";

        if (scheme.Equals("SSWS", StringComparison.OrdinalIgnoreCase) && credential.Length > 0)
        {
            var index = options.ApiTokens.IndexOf(credential);
            if (index < 0)
            {
                await OktaErrors.WriteAsync(context, 401, "E0000011", "Invalid token provided");
                return;
            }
            principal = new EmulatorPrincipal("SSWS", "token" + index, null);
        }
        else if ((scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.Equals("DPoP", StringComparison.OrdinalIgnoreCase)) && credential.Length > 0)
        {
            var token = tokens.Find(credential);
            if (token == null || token.ExpiresAt <= DateTimeOffset.UtcNow)
            {
                Challenge(context, scheme, realm, "invalid_token", "The access token is invalid.", null);
                context.Response.StatusCode = 401;
                return;
            }
            if (token.Jkt != null)
            {
                if (!scheme.Equals("DPoP", StringComparison.OrdinalIgnoreCase))
                {
                    Challenge(context, "DPoP", realm, "invalid_dpop_proof", "The DPoP-bound access token must be sent with the DPoP authorization scheme.", null);
                    context.Response.StatusCode = 400;
                    return;
                }
                var proof = context.Request.Headers["DPoP"].ToString();
                if (proof.Length == 0)
                {
                    Challenge(context, "DPoP", realm, "invalid_dpop_proof", "The DPoP proof JWT header is missing.", null);
                    context.Response.StatusCode = 400;
                    return;
                }
                var (error, thumbprint, nonceProblem) = await dpop.ValidateAsync(context.Request, proof, credential, options.RequireResourceDPoPNonce);
                if (nonceProblem)
                {
                    context.Response.Headers["DPoP-Nonce"] = tokens.CurrentNonce;
                    Challenge(context, "DPoP", realm, "use_dpop_nonce", "Resource server requires nonce in DPoP proof.", null);
                    context.Response.StatusCode = 401;
                    return;
                }
                if (error == null && thumbprint != token.Jkt) error = "The DPoP proof key does not match the key the access token is bound to.";
                if (error != null)
                {
                    Challenge(context, "DPoP", realm, "invalid_dpop_proof", error, null);
                    context.Response.StatusCode = 400;
                    return;
                }
            }
            else if (!scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            {
                Challenge(context, "Bearer", realm, "invalid_token", "The access token is not DPoP-bound; use the Bearer scheme.", null);
                context.Response.StatusCode = 401;
                return;
            }
            principal = new EmulatorPrincipal("OAUTH", token.ClientId, token.Scopes);
        }
        else
        {
            await OktaErrors.WriteAsync(context, 403, "E0000005", "Invalid session");
            return;
        }

        var required = context.GetEndpoint()?.Metadata.GetMetadata<OktaScope>();
        if (required != null && principal.Scopes != null && !required.IsSatisfiedBy(principal.Scopes))
        {
            Challenge(context, scheme.Equals("DPoP", StringComparison.OrdinalIgnoreCase) ? "DPoP" : "Bearer", realm, "insufficient_scope",
                "The access token provided does not contain the required scopes.", required.Scope);
            context.Response.StatusCode = 403;
            return;
        }

        principal.AttachTo(context);
        await _next(context);
    }

    private static void Challenge(HttpContext context, string scheme, string realm, string error, string description, string? scope)
    {
        var algs = scheme == "DPoP" ? "algs=\"" + string.Join(" ", JwtInspector.AsymmetricAlgorithms) + "\", " : string.Empty;
        var scopePart = scope != null ? $"scope=\"{scope}\", " : string.Empty;
        context.Response.Headers.WWWAuthenticate =
            $"{scheme} {algs}authorization_uri=\"{realm}/oauth2/v1/authorize\", realm=\"{realm}\", {scopePart}error=\"{error}\", error_description=\"{description.Replace("\"", "'")}\", resource=\"{context.Request.Path}\"";
    }
}
