using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OktaIntegration.Core.Groups;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.RoleSync;
using OktaIntegration.Infrastructure;
using OktaIntegration.RoleSync;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Keeps a downstream system's roles in step with Okta group membership.</para>
/// <para type="description">Reads every mapped group and all its members, plans the changes (Grant, Revoke, CreateUser, RemoveUser, each with a reason), then applies them one by one through ShouldProcess and writes one OktaRoleChange per change with its outcome. Roles live in a JSON role store (-StatePath) or in any system your script blocks drive. Nothing is changed when any read fails or when the plan revokes more than -MaxRevocation allows (unless -Force). Ends with a terminating error when any change failed, so a scheduled task fails visibly.</para>
/// </summary>
[Cmdlet(VerbsData.Sync, "OktaGroupRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = StoreSet, HelpUri = HelpLinks.Base + "Sync-OktaGroupRole.md")]
[OutputType(typeof(OktaRoleChange))]
public sealed class SyncOktaGroupRoleCommand : OktaConnectedCmdlet
{
    private const string StoreSet = "Store";
    private const string ScriptSet = "Script";
    private bool _yesToAll;
    private bool _noToAll;
    private int _unconfirmable;

    /// <summary>Group → roles: a hashtable such as @{ 'TL-Admins' = 'Administrator'; 'TL-Helpdesk' = 'Helpdesk','Read Only' }, or the path of a .json or .csv mapping file. Groups by name or id.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public object? Mapping { get; set; }

    /// <summary>The JSON role store to keep in step (created if missing).</summary>
    [Parameter(Mandatory = true, ParameterSetName = StoreSet)]
    [ValidateNotNullOrEmpty]
    public string? StatePath { get; set; }

    /// <summary>Returns the current assignments: objects with Login (and optionally UserId) and Role or Roles.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ScriptSet)]
    public ScriptBlock? GetAssignment { get; set; }

    /// <summary>Grants one role; receives the OktaRoleChange as $_ and as its first argument.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ScriptSet)]
    public ScriptBlock? Grant { get; set; }

    /// <summary>Revokes one role; receives the OktaRoleChange as $_ and as its first argument.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ScriptSet)]
    public ScriptBlock? Revoke { get; set; }

    /// <summary>Creates a user who is not yet in the target (optional: without it no CreateUser is planned).</summary>
    [Parameter(ParameterSetName = ScriptSet)]
    public ScriptBlock? CreateUser { get; set; }

    /// <summary>Removes a user the sync took the last role from (optional: without it no RemoveUser is planned).</summary>
    [Parameter(ParameterSetName = ScriptSet)]
    public ScriptBlock? RemoveUser { get; set; }

    /// <summary>Also revoke every role (mapped or not) of users in no mapped group, and of suspended or deprovisioned members.</summary>
    [Parameter]
    public SwitchParameter Exclusive { get; set; }

    /// <summary>The most revocations allowed without -Force: a count (25) or a share of current assignments (10%). Default: 10%, at least 5.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MaxRevocation { get; set; }

    /// <summary>Logins or user ids (wildcards allowed) never touched, e.g. break-glass accounts.</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? ExcludeUser { get; set; }

    /// <summary>Apply a plan that exceeds -MaxRevocation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var mapping = ParseMapping();
        var options = new RoleSyncOptions
        {
            Exclusive = Exclusive,
            ExcludeUsers = ExcludeUser ?? Array.Empty<string>(),
        };
        try
        {
            if (MaxRevocation != null) options.MaxRevocation = RevocationLimit.Parse(MaxRevocation);
        }
        catch (ArgumentException ex)
        {
            Terminate(ex, MaxRevocation, ErrorIds.InvalidArgument);
        }

        var target = OpenTarget();
        try
        {
            Sync(mapping, options, target);
        }
        finally
        {
            (target as IDisposable)?.Dispose();
        }
    }

    private void Sync(RoleMapping mapping, RoleSyncOptions options, IRoleTarget target)
    {
        var synchronizer = new RoleSynchronizer(ActiveConnection.Transport, mapping, options);
        IReadOnlyList<MappedGroup> groups = Array.Empty<MappedGroup>();
        try
        {
            var progress = new QueuedProgress<GroupReadProgress>(p => QueueProgress(ToRecord(p)));
            groups = Run(ct => synchronizer.ReadOktaAsync(progress, ct));
            QueueProgress(new ProgressRecord(3, "Sync-OktaGroupRole", "Reading Okta groups") { RecordType = ProgressRecordType.Completed });
            Messages.Drain(this);
        }
        catch (OktaGroupNotFoundException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.GroupNotFound, ErrorCategory.ObjectNotFound, ex.GroupKey));
        }
        catch (Exception ex) when (ex is OktaApiException || ex is CrossOriginException || ex is ArgumentException)
        {
            // The Okta exception stays the record's exception (errorCode, request id for support); the message says nothing changed.
            var record = ErrorRecords.From(ex, null);
            record.ErrorDetails = new ErrorDetails($"Reading Okta failed, so nothing was changed: {ex.Message}");
            ThrowTerminatingError(record);
        }
        WriteVerbose($"Read {groups.Count} mapped group(s) with {groups.Sum(g => g.Members.Count)} membership(s): {string.Join(", ", groups.Select(g => $"{g.GroupName} ({g.Members.Count})"))}.");

        SyncPlan plan = null!;
        try
        {
            plan = synchronizer.Plan(groups, target);
        }
        catch (Exception ex) when (ex is not PipelineStoppedException && ex is not OperationCanceledException)
        {
            Terminate(new InvalidOperationException($"Reading the current assignments from the {target.Description} failed, so nothing was changed: {ex.Message}", ex), target.Description, ErrorIds.RoleTargetReadFailed);
        }

        WriteVerbose($"Plan for {target.Description}: {Count(plan, RoleChangeAction.CreateUser)} user(s) to create, {Count(plan, RoleChangeAction.Grant)} grant(s), {plan.Revocations} revocation(s) (limit {plan.AllowedRevocations}), {Count(plan, RoleChangeAction.RemoveUser)} user(s) to remove.");
        if (plan.ExcludedUsersSeen.Count > 0) WriteVerbose($"Left alone by -ExcludeUser: {string.Join(", ", plan.ExcludedUsersSeen)}.");
        if (Exclusive)
            WriteWarning($"-Exclusive: users in no mapped group (and suspended or deprovisioned members) lose every role they hold in the {target.Description}, including roles the mapping never mentions. This run revokes {plan.Revocations} assignment(s).");
        if (plan.ExceedsRevocationLimit && Force)
            WriteWarning($"The plan revokes {plan.Revocations} assignment(s), more than -MaxRevocation {plan.Limit} allows ({plan.AllowedRevocations}); -Force lets it go ahead, and each change still goes through -WhatIf and -Confirm.");

        IReadOnlyList<OktaRoleChange> results = Array.Empty<OktaRoleChange>();
        try
        {
            results = RoleSynchronizer.Apply(plan, target, Force, Approve);
        }
        catch (RevocationLimitExceededException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.RevocationLimitExceeded, ErrorCategory.LimitsExceeded, target.Description));
        }

        foreach (var result in results) WriteObject(result);
        var unconfirmed = _unconfirmable;
        var failed = results.Where(r => r.Outcome == nameof(RoleChangeOutcome.Failed)).ToList();
        if (unconfirmed > 0 && failed.Count == 0)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"{unconfirmed} change(s) that take access away needed confirmation, which this session can't ask for, so they were skipped. Run with -Confirm:$false to apply them unattended (after reviewing them with -WhatIf)."),
                ErrorIds.RoleSyncConfirmationRequired, ErrorCategory.PermissionDenied, target.Description));
        }
        if (failed.Count > 0)
        {
            var first = string.Join("; ", failed.Take(3).Select(f => $"{f.Describe()}: {f.Error}"));
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"{failed.Count} of {results.Count} role change(s) failed ({first}{(failed.Count > 3 ? "; …" : string.Empty)}). The other changes were applied; see the OktaRoleChange objects with Outcome Failed. The next run retries what is still needed."),
                ErrorIds.RoleSyncChangesFailed, ErrorCategory.InvalidResult, target.Description));
        }
    }

    /// <summary>
    /// ShouldProcess for every change. The cmdlet is Medium impact (grants); revocations and
    /// removals are High, so when $ConfirmPreference is High (the default) and -Confirm was not
    /// given, they are confirmed with an extra prompt that ShouldProcess alone would not show.
    /// </summary>
    private ChangeApproval Approve(OktaRoleChange change)
    {
        // Ctrl+C between changes stops before the next one and before the JSON store commits.
        CancellationToken.ThrowIfCancellationRequested();
        var description = $"{change.Describe()} in {change.Target} ({change.Reason})";
        if (!ShouldProcess(description, description + "?", "Sync-OktaGroupRole", out var reason))
            return reason == ShouldProcessReason.WhatIf ? ChangeApproval.WhatIf : ChangeApproval.Declined;
        if (!change.IsHighImpact || MyInvocation.BoundParameters.ContainsKey("Confirm")) return ChangeApproval.Apply;
        var preference = SessionState.PSVariable.GetValue("ConfirmPreference") is ConfirmImpact p ? p : ConfirmImpact.High;
        if (preference != ConfirmImpact.High) return ChangeApproval.Apply; // Low/Medium: ShouldProcess already asked; None: never ask
        if (_yesToAll) return ChangeApproval.Apply;
        if (_noToAll) return ChangeApproval.Declined;
        try
        {
            return ShouldContinue(description + "?", "Confirm a change that takes access away", ref _yesToAll, ref _noToAll) ? ChangeApproval.Apply : ChangeApproval.Declined;
        }
        catch (Exception ex) when (ex is PSInvalidOperationException || ex is System.Management.Automation.Host.HostException || ex is NotImplementedException || ex is InvalidOperationException)
        {
            // A scheduled task has no one to ask: skip the change and fail the run visibly at the end.
            _unconfirmable++;
            return ChangeApproval.Unconfirmable;
        }
    }

    private RoleMapping ParseMapping()
    {
        var value = Mapping is PSObject wrapped ? wrapped.BaseObject : Mapping;
        try
        {
            switch (value)
            {
                case IDictionary dictionary:
                    var plain = new Hashtable();
                    foreach (DictionaryEntry entry in dictionary) plain[Unwrap(entry.Key)!] = Unwrap(entry.Value);
                    return RoleMappingParser.FromDictionary(plain);
                case string path:
                    return RoleMappingParser.FromFile(GetUnresolvedProviderPathFromPSPath(path));
                case FileInfo file:
                    return RoleMappingParser.FromFile(file.FullName);
                default:
                    throw new ArgumentException($"-Mapping must be a hashtable (@{{ 'TL-Admins' = 'Administrator' }}) or the path of a .json or .csv file, not a {value?.GetType().Name}.");
            }
        }
        catch (Exception ex) when (ex is ArgumentException || ex is IOException || ex is UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidRoleMapping,
                ex is FileNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument, Mapping));
            throw; // not reached
        }
    }

    private IRoleTarget OpenTarget()
    {
        if (ParameterSetName == ScriptSet) return new ScriptRoleTarget(GetAssignment!, Grant!, Revoke!, CreateUser, RemoveUser);
        var path = GetUnresolvedProviderPathFromPSPath(StatePath);
        try
        {
            // The store is opened before the first ShouldProcess, so -WhatIf must decide here:
            // a preview creates no lock file and cleans up nothing, but still reports a running sync.
            return WhatIfInEffect ? JsonRoleStore.OpenForPreview(path) : JsonRoleStore.Open(path);
        }
        catch (RoleStoreException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ex.Problem == RoleStoreProblem.Locked ? ErrorIds.RoleStoreLocked : ErrorIds.RoleStoreCorrupt,
                ex.Problem == RoleStoreProblem.Locked ? ErrorCategory.ResourceBusy : ErrorCategory.InvalidData, path));
            throw; // not reached
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException)
        {
            // A missing folder is OktaFileNotFound, a read-only one OktaFileAccessFailed (never
            // OktaPermissionDenied, which means Okta refused with 403).
            ThrowTerminatingError(ErrorRecords.From(ex, path));
            throw; // not reached
        }
    }

    /// <summary>
    /// True when ShouldProcess will only describe: -WhatIf as given, else the caller's
    /// $WhatIfPreference (the same rule ShouldProcess follows; PowerShell does not expose it).
    /// </summary>
    private bool WhatIfInEffect =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given)
            ? LanguagePrimitives.IsTrue(given)
            : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));

    private static ProgressRecord ToRecord(GroupReadProgress p)
    {
        var record = new ProgressRecord(3, "Sync-OktaGroupRole", $"Reading members of {p.GroupName} (group {p.GroupIndex + 1} of {p.GroupCount})")
        {
            StatusDescription = p.MemberCount is { } total ? $"{p.MembersRead} of {total} member(s)" : $"{p.MembersRead} member(s)",
        };
        if (p.MemberCount is { } n && n > 0) record.PercentComplete = (int)Math.Min(100, p.MembersRead * 100 / n);
        return record;
    }

    private static int Count(SyncPlan plan, RoleChangeAction action) => plan.Changes.Count(c => c.Action == action.ToString());

    private static object? Unwrap(object? value) => value switch
    {
        PSObject wrapped => Unwrap(wrapped.BaseObject),
        object[] array => array.Select(Unwrap).ToArray(),
        _ => value,
    };
}
