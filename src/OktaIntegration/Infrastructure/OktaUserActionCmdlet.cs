using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Users;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// Base of the cmdlets that act on users one by one (Revoke-OktaUserSession, Suspend-OktaUser,
/// Resume-OktaUser): -UserId binding by property name from upstream objects, groups and apps refused
/// before any request, each user looked up in Okta before the prompt or -WhatIf names them (so what is
/// shown is the user the action would hit, never just what was typed), each user handled once per
/// invocation, progress for long batches, and a failure on one user reported without stopping the rest.
/// </summary>
public abstract class OktaUserActionCmdlet : OktaConnectedCmdlet
{
    private readonly HashSet<string> _inputsSeen = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _usersActedOn = new(StringComparer.Ordinal);
    private OktaUserClient? _users;
    private int _done;
    private int _failed;
    private bool _userIdFromCommandLine;

    /// <summary>
    /// User ids (00u…) or logins. Binds by property name from UserId, ActorId (System Log events),
    /// Id (Get-OktaGroupMember users) and Login. ActorId is listed before Id so a log event binds
    /// its actor, never its own id. Blank values (a blank CSV column) are errors that name the input.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ActorId", "Id", "Login")]
    [AllowNull]
    [AllowEmptyString]
    public string[]? UserId { get; set; } = Array.Empty<string>();

    /// <summary>
    /// The piped object itself: to refuse a group (OktaGroup, a group's admin assignment) whose Id
    /// bound -UserId, and to name the row of a blank id by the login it carries (Login on group
    /// members and users, ActorAlternateId on System Log events). A second parameter cannot bind
    /// Login by property name, because Login already names the user when an object carries nothing
    /// else (a CSV with a Login column).
    /// </summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>" in https://acme.okta.com": every prompt names the org, since -Connection or the default decides where the action goes and piped objects do not carry their org.</summary>
    private string InOrg => " in " + ActiveConnection.OrgUrl;

    /// <summary>What Write-Progress calls this batch, e.g. "Revoking Okta sessions".</summary>
    protected abstract string Activity { get; }

    protected OktaUserClient Users => _users ??= new OktaUserClient(ActiveConnection);

    protected override void BeginProcessing()
    {
        // Only command-line parameters are bound yet. Ids given there are not the piped object's,
        // so its login must not label them.
        _userIdFromCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(UserId));
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        var inputs = UserId is { Length: > 0 } given ? given : new string?[] { null };
        // Ids given on the command line are not the piped object's, so it neither labels nor refuses them.
        var piped = _userIdFromCommandLine ? null : InputObject;
        // A login labels the id only when the object carried one id: then they are the same user's.
        var label = inputs.Length == 1 ? PipedLogin.Of(piped) : null;
        foreach (var raw in inputs)
        {
            var input = (raw ?? string.Empty).Trim();
            if (InputKindCheck.NotAUser(piped, raw, nameof(UserId), MyInvocation.MyCommand.Name) is { } notAUser)
            {
                WriteError(notAUser);
                continue;
            }
            if (input.Length == 0)
            {
                WriteError(ResponseErrorRecords.BlankUserId(raw, nameof(UserId), label));
                continue;
            }
            if (!_inputsSeen.Add(input))
            {
                WriteVerbose($"Skipping '{input}': already handled in this command.");
                continue;
            }
            WriteProgress(new ProgressRecord(ActivityId, Activity, $"{_done} done, {_failed} failed") { CurrentOperation = input });
            try
            {
                // Looked up first, under -WhatIf too (a read changes nothing): the prompt and the
                // preview name the user Okta resolves the input to, login and id.
                var user = ResolveOnce(input);
                if (user != null && ProcessUser(user, $"Okta user {user.DisplayName}{InOrg}")) _done++;
            }
            catch (Exception ex) when (IsItemFailure(ex))
            {
                _failed++;
                WriteError(ResponseErrorRecords.From(ex, input));
            }
            catch (Exception ex) when (ex is OktaApiException or CrossOriginException)
            {
                ThrowTerminatingError(ResponseErrorRecords.From(ex, input));
            }
        }
    }

    protected override void EndProcessing()
    {
        if (_done + _failed > 0)
            WriteProgress(new ProgressRecord(ActivityId, Activity, $"{_done} done, {_failed} failed") { RecordType = ProgressRecordType.Completed });
        base.EndProcessing();
    }

    /// <summary>
    /// Handles one user as Okta holds them now; returns false when it was skipped (declined at the
    /// prompt, or -WhatIf). <paramref name="target"/> is what ShouldProcess names:
    /// "Okta user jane@example.com (00u1…) in https://acme.okta.com".
    /// </summary>
    protected abstract bool ProcessUser(OktaUser user, string target);

    /// <summary>Looks the user up; null when the same user (by id) was already handled in this command, e.g. given once by login and once by id.</summary>
    private OktaUser? ResolveOnce(string idOrLogin)
    {
        var user = Run(ct => Users.GetAsync(idOrLogin, ct));
        if (_usersActedOn.Add(user.Id)) return user;
        WriteVerbose($"Skipping '{idOrLogin}': {user.DisplayName} was already handled in this command.");
        return null;
    }

    /// <summary>Distinct per cmdlet (and stable), so two of these cmdlets in one pipeline keep separate progress bars.</summary>
    private int ActivityId
    {
        get
        {
            var id = 17;
            foreach (var c in Activity) id = unchecked(id * 31 + c);
            return (id & 0x7fff) + 1;
        }
    }

    /// <summary>
    /// Everything is one user's failure except a stop request and what would fail every user alike:
    /// a credential the org no longer accepts, or a token without the scope the action needs.
    /// (A 403 E0000006 stays per user: an admin may manage some users and not others.)
    /// </summary>
    private bool IsItemFailure(Exception ex)
    {
        if (ex is PipelineStoppedException) return false;
        if (ex is OperationCanceledException && CancellationToken.IsCancellationRequested) return false;
        if (ex is OktaApiException { StatusCode: HttpStatusCode.Unauthorized }) return false;
        if (ex is OktaApiException { AuthenticateError: "insufficient_scope" or "invalid_token" or "invalid_dpop_proof" }) return false;
        return !(ex is CrossOriginException);
    }
}
