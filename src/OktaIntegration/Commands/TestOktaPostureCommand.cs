using System;
using System.Collections.Generic;
using System.Management.Automation;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Posture;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Audits the org's identity posture and writes one finding per problem.</para>
/// <para type="description">Checks admins without a phishing-resistant factor or with only weak factors, too many super admins, dormant users, users without MFA, risky API tokens, ThreatInsight not blocking, and admin groups filled by profile rules. Reads only what the selected checks need. Factors are read for admins by default; -AllUsers reads every active user's (one call each) with a progress bar, an up-front time estimate from the rate limit, parallel reads within the pacer, and -CachePath to skip unchanged users on the next run. Findings about a user pipe into Suspend-OktaUser and Revoke-OktaUserSession.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "OktaPosture", HelpUri = HelpLinks.Base + "Test-OktaPosture.md")]
[OutputType(typeof(OktaPostureFinding))]
public sealed class TestOktaPostureCommand : OktaConnectedCmdlet
{
    /// <summary>The checks to run (default: all).</summary>
    [Parameter(Position = 0)]
    [ValidateSet("AdminWithoutPhishingResistantFactor", "AdminWeakFactorsOnly", "TooManySuperAdmins", "DormantUser", "UserWithoutMfa", "ApiTokenRisk",
        "ThreatInsightNotBlocking", "AdminGroupOpenMembership", IgnoreCase = true)]
    public string[]? Check { get; set; }

    /// <summary>Read factors for every active user, not only admins (one call per user).</summary>
    [Parameter]
    public SwitchParameter AllUsers { get; set; }

    /// <summary>A JSON file keeping the factors read; a rerun reads only users whose lastUpdated changed.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CachePath { get; set; }

    /// <summary>More super admins than this is a finding (default 4).</summary>
    [Parameter]
    [ValidateRange(0, 1000)]
    public int MaxSuperAdmins { get; set; } = 4;

    /// <summary>Days without a sign-in after which an active user is dormant (default 90).</summary>
    [Parameter]
    [ValidateRange(1, 3650)]
    public int DormantDays { get; set; } = 90;

    /// <summary>Days without use or update after which an API token is stale (default 30).</summary>
    [Parameter]
    [ValidateRange(1, 3650)]
    public int ApiTokenStaleDays { get; set; } = 30;

    /// <summary>Factor reads in flight at once, 1 to 32 (default 8); the pacer keeps them inside the rate limit.</summary>
    [Parameter]
    [ValidateRange(1, 32)]
    public int ThrottleLimit { get; set; } = 8;

    protected override void EndProcessing()
    {
        var options = new PostureOptions
        {
            Checks = Check ?? Array.Empty<string>(),
            AllUsers = AllUsers.IsPresent,
            CachePath = CachePath != null ? GetUnresolvedProviderPathFromPSPath(CachePath) : null,
            MaxSuperAdmins = MaxSuperAdmins,
            DormantDays = DormantDays,
            ApiTokenStaleDays = ApiTokenStaleDays,
            Parallelism = ThrottleLimit,
        };
        PostureAuditor auditor;
        try
        {
            auditor = new PostureAuditor(ActiveConnection.Transport, options);
        }
        catch (ArgumentException ex)
        {
            Terminate(ex, Check);
            return;
        }
        var progress = new ProgressRecord(1, "Test-OktaPosture", "Starting");
        var transport = ActiveConnection.Transport;
        auditor.Progress = p =>
        {
            var record = new ProgressRecord(1, "Test-OktaPosture", p.Phase)
            {
                StatusDescription = p.Total > 0 ? $"{p.Phase}: {p.Done} of {p.Total}" : p.Done > 0 ? $"{p.Phase}: {p.Done}" : p.Phase,
                PercentComplete = p.PercentComplete,
                SecondsRemaining = p.Remaining is { } r ? (int)Math.Ceiling(r.TotalSeconds) : -1,
            };
            QueueProgress(record);
        };
        // Before a long read the estimate is a warning, so a scheduled task's log says why it ran for minutes; a short admin-only read just mentions it.
        auditor.Estimate = (message, time) =>
        {
            if (AllUsers.IsPresent || time >= TimeSpan.FromMinutes(1)) transport.Log.Warning(message);
            else transport.Log.Verbose(message);
        };

        IReadOnlyList<OktaPostureFinding> findings;
        try
        {
            findings = Run(ct => auditor.RunAsync(ct));
        }
        catch (Exception ex) when (ex is OktaApiException || ex is CrossOriginException || ex is System.IO.IOException || ex is UnauthorizedAccessException)
        {
            Terminate(ex, Check);
            return;
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
        foreach (var failure in auditor.Failures)
        {
            var (_, category) = ErrorRecords.Classify(failure.Error);
            var record = new ErrorRecord(failure.Error, ErrorIds.PostureCheckSkipped, category, string.Join(",", failure.Checks))
            {
                ErrorDetails = new ErrorDetails(failure.Message),
            };
            WriteError(record);
        }
        WriteVerbose($"{findings.Count} finding(s); {auditor.FactorCalls} factor call(s), {auditor.CacheHits} user(s) served from the cache.");
        foreach (var finding in findings) WriteObject(finding);
    }
}
