using System;
using System.Management.Automation;
using OktaIntegration.Core.Groups;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.RoleSync;
using OktaIntegration.Core.Users;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Gets the members of an Okta group.</para>
/// <para type="description">Reads every page with limit=200 and writes users as each page arrives, so memory stays flat on groups of any size. Takes groups from the pipeline: Get-OktaGroup -Name 'TL-*' | Get-OktaGroupMember. Each user carries the GroupId and GroupName it was listed under.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OktaGroupMember", HelpUri = HelpLinks.Base + "Get-OktaGroupMember.md")]
[OutputType(typeof(OktaUser))]
public sealed class GetOktaGroupMemberCommand : OktaConnectedCmdlet
{
    /// <summary>
    /// The group's id (or its exact name); binds Id or GroupId from piped objects. Null and empty are
    /// let through binding so that a piped user (whose GroupId is empty) is refused as a user, not
    /// as a validation failure; a blank value is still an error naming the input.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [AllowNull]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(GroupNameCompleter))]
    public string? GroupId { get; set; }

    /// <summary>The piped object itself, only to refuse a user (OktaUser, also one listed as a member) whose Id or GroupId bound -GroupId.</summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    private bool _groupIdFromCommandLine;

    /// <summary>The group's name, taken from piped groups; looked up when only an id is given.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    [Alias("Name")]
    public string? GroupName { get; set; }

    /// <summary>The member count a piped group carries, used for progress.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    public int? MemberCount { get; set; }

    private int _groupNumber;

    protected override void BeginProcessing()
    {
        // Only command-line parameters are bound yet: a group given there is not the piped object's.
        _groupIdFromCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(GroupId));
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        if (InputKindCheck.UserGivenForGroup(_groupIdFromCommandLine ? null : InputObject, GroupId, nameof(GroupId)) is { } notAGroup)
        {
            WriteError(notAGroup);
            return;
        }
        var groupId = GroupId ?? string.Empty;
        var groupName = GroupName;
        var total = MemberCount;
        try
        {
            if (groupName == null || groupId.Trim().Length == 0)
            {
                // A name is accepted too, so Get-OktaGroupMember 'TL-Admins' works without a lookup first.
                var reader = new GroupReader(ActiveConnection.Transport);
                var group = Run(ct => RoleMapping.IsGroupId(groupId) ? reader.GetByIdAsync(groupId, ct) : reader.GetByNameAsync(groupId, ct));
                groupId = group.Id;
                groupName = group.Name;
                total = group.MemberCount;
            }
        }
        catch (OktaGroupNotFoundException ex)
        {
            WriteError(new ErrorRecord(ex, ErrorIds.GroupNotFound, ErrorCategory.ObjectNotFound, groupId));
            return;
        }
        catch (Exception ex) when (ex is OktaApiException || ex is ArgumentException)
        {
            WriteItemError(ex, groupId);
            return;
        }

        var pager = new GroupMemberReader(ActiveConnection.Transport).Members(groupId, groupName);
        var progress = new ProgressRecord(2 + (_groupNumber++ % 1000), "Get-OktaGroupMember", $"Reading members of {groupName}");
        try
        {
            while (Run(ct => pager.NextPageAsync(ct)) is { } page)
            {
                foreach (var user in page) WriteObject(user);
                if (pager.PagesRead > 1 || !pager.IsComplete)
                {
                    progress.StatusDescription = total is { } t && t > 0 ? $"{pager.ItemsRead} of {t}" : $"{pager.ItemsRead}";
                    if (total is { } n && n > 0) progress.PercentComplete = (int)Math.Min(100, pager.ItemsRead * 100 / n);
                    WriteProgress(progress);
                }
            }
        }
        catch (OktaApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            WriteError(new ErrorRecord(new OktaGroupNotFoundException(groupId, $"The group '{groupName}' ({groupId}) no longer exists: {ex.Message}"),
                ErrorIds.GroupNotFound, ErrorCategory.ObjectNotFound, groupId));
        }
        catch (OktaApiException ex)
        {
            // A group whose members could only be read in part is an error for that group, never a short list.
            WriteItemError(new OktaApiException($"Reading the members of '{groupName}' ({groupId}) failed after {pager.ItemsRead} member(s); the list is incomplete. {ex.Message}",
                ex.StatusCode, ex.ErrorCode, ex.ErrorSummary, ex.ErrorId, ex.ErrorCauses, ex.RequestId, requestUri: ex.RequestUri, innerException: ex), groupId);
        }
        catch (CrossOriginException ex)
        {
            WriteItemError(ex, groupId);
        }
        finally
        {
            pager.Dispose(); // stops the request for a page nobody will ask for (Select-Object -First, Ctrl+C)
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }
}
