using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Posture;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Posture;

/// <summary>
/// Claim: a part of the audit Okta refuses (403, a scope the service app was not granted) is
/// "not checked" — named with the checks it silences — and never a pass, while the parts the
/// connection may read are still judged. Against the emulator over HTTP with an OAuth service app.
/// </summary>
public class PosturePermissionTests
{
    [Fact]
    public async Task Refused_api_token_and_ThreatInsight_reads_are_not_checked_and_the_readable_checks_still_run()
    {
        await using var org = await TestOrg.StartAsync(o => o.EventCount = 0);
        // The test app holds users, groups, roles and logs scopes, but neither okta.apiTokens.read nor okta.threatInsights.read.
        Assert.DoesNotContain("okta.apiTokens.read", TestOrg.AllScopes);
        Assert.DoesNotContain("okta.threatInsights.read", TestOrg.AllScopes);
        using var connection = await org.ConnectAsync(org.PrivateKeyJwtSettings());
        var auditor = new PostureAuditor(connection.Transport, new PostureOptions());
        var findings = await auditor.RunAsync(CancellationToken.None);

        var skipped = auditor.Failures.SelectMany(f => f.Checks).ToList();
        Assert.Contains("ApiTokenRisk", skipped);
        Assert.Contains("ThreatInsightNotBlocking", skipped);
        Assert.All(auditor.Failures, f => Assert.Equal(HttpStatusCode.Forbidden, f.Error.StatusCode));
        Assert.All(auditor.Failures, f => Assert.Contains("not checked", f.Message));
        // Nothing from the refused parts passes as "no finding" silently: they are in Failures, not judged.
        Assert.DoesNotContain(findings, f => f.Check.StartsWith("ApiToken", System.StringComparison.Ordinal) || f.Check == "ThreatInsightNotBlocking");
        // The readable parts were judged as with full rights.
        Assert.Contains(findings, f => f.Check == "AdminWithoutPhishingResistantFactor");
        Assert.Contains(findings, f => f.Check == "TooManySuperAdmins");
    }
}
