using System;
using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.Core.Posture.Checks;

/// <summary>
/// Check 6, one finding per problem per token: usable from any IP (ApiTokenAnyNetwork), owner
/// no longer ACTIVE or deleted (ApiTokenInactiveOwner: Okta rejects the token, but it comes back
/// if the owner is reactivated), owner is a super admin (ApiTokenSuperAdminOwner), neither used
/// nor updated for N days (ApiTokenStale, default 30).
/// </summary>
public sealed class ApiTokenRiskCheck : IPostureCheck
{
    public string Name => "ApiTokenRisk";

    public PostureData Needs => PostureData.ApiTokens | PostureData.Admins;

    public string RateLimitCost => "⌈tokens/200⌉ calls to GET /api/v1/api-tokens, plus one GET /api/v1/users/{id} per distinct token owner, plus the admin reads (for super admin owners).";

    public IEnumerable<OktaPostureFinding> Evaluate(PostureSnapshot snapshot)
    {
        if (snapshot.ApiTokens == null) yield break;
        var supers = new HashSet<string>(snapshot.AdminPeople.Where(a => a.IsSuperAdmin).Select(a => a.UserId), StringComparer.Ordinal);
        var staleDays = snapshot.Options.ApiTokenStaleDays;
        foreach (var token in snapshot.ApiTokens)
        {
            snapshot.TokenOwners.TryGetValue(token.UserId ?? string.Empty, out var owner);
            var ownerName = owner?.Login ?? token.UserId ?? "unknown";
            if (token.UsableFromAnyIp)
            {
                yield return Finding("ApiTokenAnyNetwork", PostureSeverity.Medium, token,
                    token.NetworkConnection == "ZONE"
                        ? $"Network condition ZONE with no included zone ({token.GetExcludeZones().Count} excluded): usable from any other IP. Owner {ownerName}."
                        : $"Network condition {token.NetworkConnection}: usable from any IP. Owner {ownerName}.",
                    "Restrict the token to the network zones its caller runs from (API token network condition), or replace it with an OAuth service app.");
            }
            if (token.UserId != null && (owner == null || !string.Equals(owner.Status, "ACTIVE", StringComparison.Ordinal)))
            {
                yield return Finding("ApiTokenInactiveOwner", PostureSeverity.Medium, token,
                    owner == null ? $"The owner {token.UserId} no longer exists." : $"The owner {ownerName} is {owner.Status}; Okta rejects the token while the owner is not ACTIVE.",
                    "Revoke the token: it works again as soon as its owner is reactivated. Recreate it under a service account if something still needs it.");
            }
            if (token.UserId != null && supers.Contains(token.UserId))
            {
                yield return Finding("ApiTokenSuperAdminOwner", PostureSeverity.High, token,
                    $"The owner {ownerName} is a super admin, so the token can do anything in the org.",
                    "Recreate the token under an account with the narrowest admin role the integration needs, or move it to an OAuth service app with scopes.");
            }
            var lastActivity = Latest(token.LastUsed, token.LastUpdated);
            if (lastActivity is { } last && last < snapshot.Now.AddDays(-staleDays))
            {
                yield return Finding("ApiTokenStale", PostureSeverity.Low, token,
                    $"Neither used nor updated for {(int)(snapshot.Now - last).TotalDays} days (last {last.UtcDateTime:yyyy-MM-dd}; threshold {staleDays}; expires {token.ExpiresAt?.UtcDateTime:yyyy-MM-dd}).",
                    "Revoke the token if nothing uses it.");
            }
        }
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a == null ? b : b == null ? a : (a > b ? a : b);

    private static OktaPostureFinding Finding(string check, PostureSeverity severity, OktaApiToken token, string detail, string recommendation) =>
        new(check, severity, "ApiToken", token.Name, token.Id, detail, recommendation, PostureReferences.ApiTokens);
}
