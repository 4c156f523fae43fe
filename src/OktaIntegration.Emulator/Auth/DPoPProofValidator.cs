using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace OktaIntegration.Emulator.Auth;

/// <summary>
/// Checks a DPoP proof as Okta does: typ dpop+jwt, an asymmetric alg, a public-only jwk that
/// verifies the signature, htm, htu (scheme + host + percent-decoded path), fresh iat, unused
/// jti, ath for resource calls, and the nonce when one is required.
/// </summary>
internal sealed class DPoPProofValidator
{
    private readonly TokenStore _tokens;
    private readonly EmulatorOptions _options;

    public DPoPProofValidator(TokenStore tokens, EmulatorOptions options)
    {
        _tokens = tokens;
        _options = options;
    }

    /// <summary>Validates; returns the failure reason or null, and the proof key's thumbprint.</summary>
    public async Task<(string? Error, string? Thumbprint, bool NonceProblem)> ValidateAsync(HttpRequest request, string proof, string? accessToken, bool requireNonce)
    {
        var jwt = JwtInspector.TryRead(proof);
        if (jwt == null) return ("The DPoP proof JWT is malformed.", null, false);
        if (!string.Equals(jwt.Typ, "dpop+jwt", StringComparison.Ordinal)) return ("The DPoP proof JWT 'typ' header is invalid.", null, false);
        if (!JwtInspector.AsymmetricAlgorithms.Contains(jwt.Alg)) return ("The DPoP proof JWT 'alg' header is invalid.", null, false);
        if (!jwt.TryGetHeaderValue<JsonElement>("jwk", out var jwkElement) || jwkElement.ValueKind != JsonValueKind.Object)
            return ("The DPoP proof JWT 'jwk' header is missing.", null, false);
        if (jwkElement.TryGetProperty("d", out _)) return ("The DPoP proof JWT 'jwk' header must not hold a private key.", null, false);
        JsonWebKey jwk;
        try
        {
            jwk = new JsonWebKey(jwkElement.GetRawText());
        }
        catch (ArgumentException)
        {
            return ("The DPoP proof JWT 'jwk' header is invalid.", null, false);
        }
        if (!await JwtInspector.SignatureValidAsync(proof, new[] { jwk }))
            return ("The DPoP proof JWT signature is invalid.", null, false);

        var htm = JwtInspector.Str(jwt, "htm");
        if (!string.Equals(htm, request.Method, StringComparison.Ordinal)) return ("'htm' claim in the DPoP proof JWT is invalid.", null, false);
        var expectedHtu = $"{request.Scheme}://{request.Host}{Uri.UnescapeDataString(request.PathBase + request.Path)}";
        if (!string.Equals(JwtInspector.Str(jwt, "htu"), expectedHtu, StringComparison.Ordinal))
            return ("'htu' claim in the DPoP proof JWT is invalid.", null, false);
        var iat = JwtInspector.Long(jwt, "iat");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (iat is null || Math.Abs(now - iat.Value) > Math.Max(60, _options.ClockSkew.TotalSeconds))
            return ("'iat' claim in the DPoP proof JWT is invalid.", null, false);
        var jti = JwtInspector.Str(jwt, "jti");
        if (string.IsNullOrEmpty(jti) || !_tokens.SpendJti("dpop", jti)) return ("'jti' claim in the DPoP proof JWT is invalid or was already used.", null, false);
        if (accessToken != null)
        {
            var ath = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
            if (!string.Equals(JwtInspector.Str(jwt, "ath"), ath, StringComparison.Ordinal)) return ("'ath' claim in the DPoP proof JWT is invalid.", null, false);
        }
        if (requireNonce && !_tokens.IsValidNonce(JwtInspector.Str(jwt, "nonce")))
            return ("The DPoP proof JWT nonce is missing or stale.", null, true);
        return (null, Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()), false);
    }
}
