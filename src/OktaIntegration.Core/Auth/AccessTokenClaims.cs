using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace OktaIntegration.Core.Auth;

/// <summary>
/// What a pre-obtained access token says about itself. Okta's org authorization server issues
/// JWTs (scp, exp, cid, sub, and cnf.jkt when DPoP-bound). The claims are read WITHOUT checking
/// the signature: they only choose how to prove the connection and what to show; the org
/// verifies the token on every call. An opaque or unreadable token gives null.
/// </summary>
public sealed class AccessTokenClaims
{
    private AccessTokenClaims(IReadOnlyList<string> scopes, DateTimeOffset? expiresAt, string? jkt, string? clientId, string? subject)
    {
        Scopes = scopes;
        ExpiresAt = expiresAt;
        Jkt = jkt;
        ClientId = clientId;
        Subject = subject;
    }

    /// <summary>The <c>scp</c> claim (an array on Okta; a space-separated string is accepted too).</summary>
    public IReadOnlyList<string> Scopes { get; }

    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>The <c>cnf.jkt</c> claim: the thumbprint of the DPoP key the token is bound to, or null for a Bearer token.</summary>
    public string? Jkt { get; }

    public string? ClientId { get; }

    public string? Subject { get; }

    /// <summary>The claims of a JWT access token, or null when the token is not a readable JWT.</summary>
    public static AccessTokenClaims? TryRead(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[1].Length == 0) return null;
        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var scopes = Array.Empty<string>() as IReadOnlyList<string>;
            if (root.TryGetProperty("scp", out var scp))
            {
                scopes = scp.ValueKind switch
                {
                    JsonValueKind.Array => scp.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!).ToArray(),
                    JsonValueKind.String => scp.GetString()!.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries),
                    _ => scopes,
                };
            }
            DateTimeOffset? expiresAt = root.TryGetProperty("exp", out var exp) && exp.ValueKind == JsonValueKind.Number && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
            string? jkt = root.TryGetProperty("cnf", out var cnf) && cnf.ValueKind == JsonValueKind.Object ? Str(cnf, "jkt") : null;
            return new AccessTokenClaims(scopes, expiresAt, jkt, Str(root, "cid"), Str(root, "sub"));
        }
        catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is ArgumentException || ex is DecoderFallbackException)
        {
            return null;
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public override string ToString() => $"access token claims ({Scopes.Count} scopes{(ExpiresAt is { } x ? ", expires " + x.ToString("u") : string.Empty)}{(Jkt != null ? ", DPoP-bound" : string.Empty)})";
}
