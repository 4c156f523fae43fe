using System;
using System.Management.Automation;
using OktaIntegration.Core.Groups;
using OktaIntegration.Core.Http;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Gets Okta groups by id, by name (wildcards allowed), or by Okta search or filter expression.</para>
/// <para type="description">Reads every page with limit=200 and writes groups as each page arrives, with their member count (expand=stats). A -Name with a trailing * is searched on the server (sw); other wildcards are matched locally.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OktaGroup", DefaultParameterSetName = ListSet, HelpUri = HelpLinks.Base + "Get-OktaGroup.md")]
[OutputType(typeof(OktaGroup))]
public sealed class GetOktaGroupCommand : OktaConnectedCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    /// <summary>One or more group ids (00g…).</summary>
    [Parameter(Mandatory = true, ParameterSetName = IdSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>The group name: exact, or a wildcard pattern such as 'TL-*'.</summary>
    [Parameter(Position = 0, ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(GroupNameCompleter))]
    public string? Name { get; set; }

    /// <summary>An Okta search expression, e.g. 'profile.name co "admin"' or 'lastMembershipUpdated gt "2026-01-01T00:00:00.000Z"'.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? Search { get; set; }

    /// <summary>An Okta filter expression on id, type, lastUpdated or lastMembershipUpdated. Can't be combined with -Search.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? Filter { get; set; }

    /// <summary>Only groups of this type.</summary>
    [Parameter]
    public OktaGroupType? Type
    {
        get => (OktaGroupType?)_type;
        set => _type = value;
    }

    // Kept as object: PowerShell reads cmdlet fields' types when it imports the module, before
    // the loader that finds OktaIntegration.Core has run; a Core-typed field would fail the import.
    private object? _type;

    protected override void ProcessRecord()
    {
        var reader = new GroupReader(ActiveConnection.Transport);
        if (ParameterSetName == IdSet)
        {
            foreach (var id in Id!)
            {
                try
                {
                    WriteObject(Run(ct => reader.GetByIdAsync(id, ct, Type)));
                }
                catch (OktaGroupNotFoundException ex)
                {
                    WriteError(new ErrorRecord(ex, ErrorIds.GroupNotFound, ErrorCategory.ObjectNotFound, id));
                }
                catch (Exception ex) when (ex is OktaApiException || ex is ArgumentException)
                {
                    WriteItemError(ex, id);
                }
            }
            return;
        }

        LinkPager<OktaGroup> pager;
        try
        {
            pager = reader.List(new GroupQuery { Name = Name, Search = Search, Filter = Filter, Type = Type });
        }
        catch (ArgumentException ex)
        {
            Terminate(ex, Search ?? Filter ?? Name, ErrorIds.InvalidArgument);
            return;
        }

        var progress = new ProgressRecord(1, "Get-OktaGroup", "Reading groups");
        long written = 0;
        try
        {
            while (Run(ct => pager.NextPageAsync(ct)) is { } page)
            {
                foreach (var group in page) WriteObject(group);
                written += page.Count;
                if (pager.PagesRead > 1 || !pager.IsComplete)
                {
                    progress.StatusDescription = $"{written} group(s), page {pager.PagesRead}";
                    WriteProgress(progress);
                }
            }
        }
        catch (Exception ex) when (ex is OktaApiException || ex is CrossOriginException)
        {
            Terminate(ex, Name ?? Search ?? Filter);
        }
        finally
        {
            pager.Dispose(); // stops the request for a page nobody will ask for (Select-Object -First, Ctrl+C)
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }

        if (written == 0 && Name != null && !NameWildcard.ContainsWildcard(Name))
        {
            WriteError(new ErrorRecord(new OktaGroupNotFoundException(Name, $"No group named '{Name}' exists{(Type != null ? $" with type {Type}" : string.Empty)}. Use a wildcard such as '{Name}*' to search by prefix."),
                ErrorIds.GroupNotFound, ErrorCategory.ObjectNotFound, Name));
        }
    }
}
