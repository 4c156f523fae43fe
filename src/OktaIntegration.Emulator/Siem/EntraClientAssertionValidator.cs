using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.IdentityModel.Tokens;
using OktaIntegration.Emulator.Auth;

namespace OktaIntegration.Emulator.Siem;

/// <summary>
/// Entra's checks on a certificate client assertion (client_assertion_type jwt-bearer), in its
/// order: the header names a registered certificate by x5t#S256 or x5t; the RS256 signature
/// verifies with that certificate's key; aud is this token endpoint; iss = sub = the client id;
/// nbf/exp hold now (with Entra's five minutes of skew); the jti is not spent. Failures carry
/// Entra's error and AADSTS text.
/// </summary>
internal static class EntraClientAssertionValidator
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public static async Task<string?> ValidateAsync(string? assertion, string? clientId, string tokenEndpoint, SentinelIngestionReceiver entra)
    {
        var jwt = JwtInspector.TryRead(assertion);
        if (jwt == null) return "AADSTS50027: JWT token is invalid or malformed.";
        var certificate = Find(entra.Certificates, jwt);
        if (certificate == null)
            return $"AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '{Header(jwt, "x5t#S256") ?? Header(jwt, "x5t")}']";
        if (jwt.Alg is not ("RS256" or "PS256") || !await JwtInspector.SignatureValidAsync(assertion!, new[] { new X509SecurityKey(certificate) }))
            return "AADSTS700027: Client assertion contains an invalid signature.";
        if (!string.Equals(JwtInspector.Str(jwt, "aud"), tokenEndpoint, StringComparison.OrdinalIgnoreCase))
            return $"AADSTS700212: The audience of the client assertion is not valid; it must be the token endpoint {tokenEndpoint}.";
        var issuer = JwtInspector.Str(jwt, "iss");
        if (issuer != SentinelIngestionReceiver.ClientId || JwtInspector.Str(jwt, "sub") != issuer || (clientId != null && clientId != issuer))
            return "AADSTS700023: Client assertion audience claim does not match Realm issuer, or iss and sub are not the client id.";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var exp = JwtInspector.Long(jwt, "exp");
        var nbf = JwtInspector.Long(jwt, "nbf");
        if (exp == null || exp + Skew.TotalSeconds < now || (nbf != null && nbf - Skew.TotalSeconds > now))
            return "AADSTS700024: Client assertion is not within its valid time range.";
        var jti = JwtInspector.Str(jwt, "jti");
        if (string.IsNullOrEmpty(jti) || !entra.SpendJti(jti!))
            return "AADSTS7000216: The client assertion has been used before (jti replay).";
        return null;
    }

    private static X509Certificate2? Find(IReadOnlyList<X509Certificate2> certificates, Microsoft.IdentityModel.JsonWebTokens.JsonWebToken jwt)
    {
        var sha256 = Header(jwt, "x5t#S256");
        var sha1 = Header(jwt, "x5t");
        return certificates.FirstOrDefault(c =>
            (sha256 != null && sha256 == Base64UrlEncoder.Encode(SHA256.HashData(c.RawData))) ||
            (sha1 != null && sha1 == Base64UrlEncoder.Encode(SHA1.HashData(c.RawData))));
    }

    private static string? Header(Microsoft.IdentityModel.JsonWebTokens.JsonWebToken jwt, string name) =>
        jwt.TryGetHeaderValue<string>(name, out var value) ? value : null;
}
