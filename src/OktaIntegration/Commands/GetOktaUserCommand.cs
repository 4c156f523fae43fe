using System;
using System.Management.Automation;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Posture;
using OktaIntegration.Core.Users;
using OktaIntegration.Infrastructure;
using OktaUser = OktaIntegration.Core.Users.OktaUser;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Gets Okta users by id or login, or lists them with Okta's search or filter.</para>
/// <para type="description">By id or login (piped ids, logins, group members and findings work too), or a list narrowed by -Search (Okta's search expression), -Filter, -Status and -LastLoginBefore (turned into a search on lastLogin). Lists are read 200 a page and written as each page arrives.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OktaUser", DefaultParameterSetName = ListSet, HelpUri = HelpLinks.Base + "Get-OktaUser.md")]
[OutputType(typeof(OktaUser))]
public sealed class GetOktaUserCommand : OktaConnectedCmdlet
{
    private const string ByIdSet = "ById";
    private const string ListSet = "List";

    /// <summary>
    /// The user's id (00u…) or login. Null and blank pass binding so that an admin assignment held
    /// by a group (its UserId is empty) is refused as a group, and a blank id is an error naming the
    /// input rather than a validation failure.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ActorId", "Id", "Login")]
    [AllowNull]
    [AllowEmptyString]
    public string? UserId { get; set; }

    /// <summary>The piped object itself, only to refuse a group (OktaGroup) whose Id bound -UserId.</summary>
    [Parameter(ParameterSetName = ByIdSet, ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    private bool _userIdFromCommandLine;

    /// <summary>Okta's search expression, e.g. profile.department eq "Finance".</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? Search { get; set; }

    /// <summary>Okta's filter expression (status, lastUpdated, id and profile login, email and names).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? Filter { get; set; }

    /// <summary>Only users in these statuses.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "LOCKED_OUT", "PASSWORD_EXPIRED", "SUSPENDED", "DEPROVISIONED", IgnoreCase = true)]
    public string[]? Status { get; set; }

    /// <summary>Only users whose last sign-in is before this time (users who never signed in are not included).</summary>
    [Parameter(ParameterSetName = ListSet)]
    public DateTimeOffset? LastLoginBefore { get; set; }

    /// <summary>Users per page, 1 to 200 (default 200).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, UserQuery.MaxPageSize)]
    public int PageSize { get; set; } = UserQuery.MaxPageSize;

    protected override void BeginProcessing()
    {
        // Only command-line parameters are bound yet: an id given there is not the piped object's.
        _userIdFromCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(UserId));
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        var reader = new UserReader(ActiveConnection.Transport);
        if (ParameterSetName == ByIdSet)
        {
            var piped = _userIdFromCommandLine ? null : InputObject;
            if (InputKindCheck.NotAUser(piped, UserId, nameof(UserId), MyInvocation.MyCommand.Name) is { } notAUser)
            {
                WriteError(notAUser);
                return;
            }
            if (string.IsNullOrWhiteSpace(UserId))
            {
                WriteError(ResponseErrorRecords.BlankUserId(UserId, nameof(UserId), PipedLogin.Of(piped)));
                return;
            }
            try
            {
                WriteObject(Run(ct => reader.GetAsync(UserId!, ct)));
            }
            catch (OktaUserNotFoundException ex)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, UserId));
            }
            catch (Exception ex) when (ex is OktaApiException || ex is ArgumentException || ex is CrossOriginException)
            {
                WriteItemError(ex, UserId);
            }
            return;
        }

        var query = new UserQuery { Search = Search, Filter = Filter, Status = Status ?? Array.Empty<string>(), LastLoginBefore = LastLoginBefore, PageSize = PageSize };
        try
        {
            query.ToQueryString();
        }
        catch (ArgumentException ex)
        {
            Terminate(ex, Search ?? Filter);
        }
        var pager = reader.List(query);
        var progress = new ProgressRecord(1, "Get-OktaUser", "Reading users");
        try
        {
            while (Run(ct => pager.NextPageAsync(ct)) is { } page)
            {
                foreach (var user in page) WriteObject(user);
                if (!pager.IsComplete)
                {
                    progress.StatusDescription = $"{pager.ItemsRead} users";
                    WriteProgress(progress);
                }
            }
        }
        catch (Exception ex) when (ex is OktaApiException || ex is CrossOriginException)
        {
            Terminate(ex, Search ?? Filter);
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }
}
