using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.Tokens;
using OktaIntegration.Emulator.Infrastructure;

namespace OktaIntegration.Emulator.Auth;

/// <summary>
/// POST /oauth2/v1/token for client_credentials, as the org authorization server answers it:
/// private_key_jwt (signature, iss = sub = client id, aud = this exact URL, exp in the future
/// and at most an hour out, iat not in the future, kid when the app has several keys, jti single
/// use and spent even when the request fails) or client_secret_basic; scopes cut to those
/// granted; DPoP with Okta's nonce dance.
/// </summary>
internal static class TokenEndpoint
{
    public static void MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/oauth2/v1/token", HandleAsync);
    }

    private static async Task HandleAsync(HttpContext context, EmulatorOptions options, TokenStore tokens, DPoPProofValidator dpop, DeviceAuthorizationStore devices)
    {
        if (!context.Request.HasFormContentType)
        {
            await OktaErrors.WriteOAuthAsync(context, 400, "invalid_request", "The request must be form-encoded (application/x-www-form-urlencoded).");
            return;
        }
        var form = await context.Request.ReadFormAsync();
        if (form["grant_type"] == DeviceGrantEndpoint.GrantType || form["grant_type"] == "refresh_token")
        {
            await DeviceGrantEndpoint.HandleAsync(context, form, options, tokens, dpop, devices);
            return;
        }
        if (form["grant_type"] != "client_credentials")
        {
            await OktaErrors.WriteOAuthAsync(context, 400, "unsupported_grant_type", $"The authorization grant type is not supported by the authorization server. Configured grant types: [client_credentials].");
            return;
        }

        var assertion = form["client_assertion"].ToString();
        var basic = context.Request.Headers.Authorization.ToString();
        var hasBasic = basic.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        if (hasBasic && assertion.Length > 0)
        {
            await OktaErrors.WriteOAuthAsync(context, 400, "invalid_request", "Cannot supply multiple client credentials. Use one of the following: credentials in the Authorization header, credentials in the post body, or a client_assertion in the post body.");
            return;
        }

        ServiceAppRegistration? app;
        string? clientError;
        if (assertion.Length > 0)
        {
            if (form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            {
                await OktaErrors.WriteOAuthAsync(context, 400, "invalid_request", "The client_assertion_type is invalid.");
                return;
            }
            (app, clientError) = await ValidateAssertionAsync(context, options, tokens, assertion);
        }
        else if (hasBasic)
        {
            (app, clientError) = ValidateBasic(options, basic);
        }
        else
        {
            (app, clientError) = (null, "No client credentials found.");
        }
        if (app == null)
        {
            await OktaErrors.WriteOAuthAsync(context, 401, "invalid_client", clientError!);
            return;
        }

        var requested = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (requested.Length == 0)
        {
            await OktaErrors.WriteOAuthAsync(context, 400, "invalid_scope", "The authorization server resource does not have any configured default scopes, 'scope' must be provided.");
            return;
        }
        var granted = requested.Where(app.GrantedScopes.Contains).Distinct().ToArray();
        if (granted.Length == 0)
        {
            await OktaErrors.WriteOAuthAsync(context, 400, "invalid_scope", $"The following scopes are not allowed: [{string.Join(", ", requested)}]");
            return;
        }

        var (bound, jkt) = await BindDPoPAsync(context, app, tokens, dpop);
        if (!bound) return;
        await WriteTokenAsync(context, options, tokens, app.ClientId, granted, jkt, null);
    }

    /// <summary>
    /// For an app that requires DPoP: checks the proof (with Okta's nonce dance) and returns the
    /// key thumbprint to bind the token to; false once an error answer was written. An app that
    /// does not require DPoP gets a Bearer token even when a proof is sent (Okta's behaviour).
    /// </summary>
    internal static async Task<(bool Ok, string? Jkt)> BindDPoPAsync(HttpContext context, ServiceAppRegistration app, TokenStore tokens, DPoPProofValidator dpop)
    {
        if (!app.RequireDPoP) return (true, null);
        var proof = context.Request.Headers["DPoP"].ToString();
        if (proof.Length == 0)
        {
            await OktaErrors.WriteOAuthAsync(context, 400, "invalid_dpop_proof", "The DPoP proof JWT header is missing.");
            return (false, null);
        }
        var (error, thumbprint, nonceProblem) = await dpop.ValidateAsync(context.Request, proof, null, requireNonce: true);
        if (nonceProblem)
        {
            context.Response.Headers["DPoP-Nonce"] = tokens.CurrentNonce;
            await OktaErrors.WriteOAuthAsync(context, 400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.");
            return (false, null);
        }
        if (error != null)
        {
            await OktaErrors.WriteOAuthAsync(context, 400, "invalid_dpop_proof", error);
            return (false, null);
        }
        return (true, thumbprint);
    }

    internal static async Task WriteTokenAsync(HttpContext context, EmulatorOptions options, TokenStore tokens, string clientId,
        IReadOnlyCollection<string> granted, string? jkt, string? refreshToken)
    {
        var token = tokens.Issue(clientId, granted, options.AccessTokenLifetime, jkt, $"{context.Request.Scheme}://{context.Request.Host}");
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = new Dictionary<string, object>
        {
            ["token_type"] = jkt != null ? "DPoP" : "Bearer",
            ["expires_in"] = (long)options.AccessTokenLifetime.TotalSeconds,
            ["access_token"] = token.Value,
            ["scope"] = string.Join(" ", granted),
        };
        if (refreshToken != null) body["refresh_token"] = refreshToken;
        await context.Response.WriteAsJsonAsync(body);
    }

    private static (ServiceAppRegistration?, string?) ValidateBasic(EmulatorOptions options, string header)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Substring("Basic ".Length).Trim()));
        }
        catch (FormatException)
        {
            return (null, "No client credentials found.");
        }
        var colon = decoded.IndexOf(':');
        if (colon < 0) return (null, "No client credentials found.");
        var clientId = Uri.UnescapeDataString(decoded.Substring(0, colon));
        var secret = Uri.UnescapeDataString(decoded.Substring(colon + 1));
        var app = options.Apps.FirstOrDefault(a => a.ClientId == clientId);
        if (app == null) return (null, "The client_id is invalid.");
        if (app.ClientSecret == null || !CryptographicEquals(app.ClientSecret, secret)) return (null, "The client secret supplied for a confidential client is invalid.");
        return (app, null);
    }

    private static async Task<(ServiceAppRegistration?, string?)> ValidateAssertionAsync(HttpContext context, EmulatorOptions options, TokenStore tokens, string assertion)
    {
        var jwt = JwtInspector.TryRead(assertion);
        if (jwt == null) return (null, "The client_assertion token is malformed.");
        // Okta spends the jti on arrival, so even a refused request uses it up.
        var jti = JwtInspector.Str(jwt, "jti");
        if (jti != null && !tokens.SpendJti("assertion", jti)) return (null, "The client_assertion token has already been used.");

        var iss = JwtInspector.Str(jwt, "iss");
        var sub = JwtInspector.Str(jwt, "sub");
        if (iss == null || iss != sub) return (null, "The client_assertion token must have the same 'iss' and 'sub' claims.");
        var app = options.Apps.FirstOrDefault(a => a.ClientId == iss);
        if (app == null) return (null, "The client_id is invalid.");
        if (app.PublicJwks.Count == 0) return (null, "The client is not configured for private_key_jwt client authentication.");
        if (!JwtInspector.AsymmetricAlgorithms.Contains(jwt.Alg)) return (null, "The client_assertion signature algorithm is invalid.");

        var keys = app.PublicJwks.Select(j => new JsonWebKey(j)).ToList();
        var kid = jwt.Kid;
        if (keys.Count > 1 && string.IsNullOrEmpty(kid)) return (null, "The client_assertion JWT kid is invalid.");
        if (!string.IsNullOrEmpty(kid))
        {
            keys = keys.Where(k => k.Kid == kid).ToList();
            if (keys.Count == 0) return (null, "The client_assertion JWT kid is invalid.");
        }
        if (!await JwtInspector.SignatureValidAsync(assertion, keys)) return (null, "The client_assertion signature is invalid.");

        var tokenUrl = $"{context.Request.Scheme}://{context.Request.Host}/oauth2/v1/token";
        if (!jwt.Audiences.Contains(tokenUrl)) return (null, "The audience claim for client_assertion must be the endpoint invoked for the request.");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var exp = JwtInspector.Long(jwt, "exp");
        if (exp is null) return (null, "The client_assertion token must have an 'exp' claim.");
        if (exp.Value <= now) return (null, "The client_assertion token is expired.");
        if (exp.Value > now + 3600 + (long)options.ClockSkew.TotalSeconds) return (null, "The client_assertion token has an expiration too far into the future.");
        var iat = JwtInspector.Long(jwt, "iat");
        if (iat != null && iat.Value > now + (long)options.ClockSkew.TotalSeconds) return (null, "The client_assertion token was issued in the future.");
        return (app, null);
    }

    private static bool CryptographicEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
