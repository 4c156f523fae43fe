using System;
using System.Management.Automation;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// Base of the cmdlets that read the System Log (Get-OktaSystemLog, Export-OktaSystemLog): the
/// reading parameters they share, the query built from them, and one classification of cursor
/// problems, so that the two commands accept the same query and report a bad cursor file with
/// the same error id. Which org to read is the derived command's business (one connection for
/// Get, several for Export), as is the sort order (Export always reads oldest first).
/// </summary>
public abstract class SystemLogQueryCmdlet : OktaCmdlet
{
    /// <summary>Start of the range (bounded) or of the first poll. Okta keeps 90 days; more than 180 days back is refused.</summary>
    [Parameter(Position = 0)]
    public DateTimeOffset? Since { get; set; }

    /// <summary>End of the range; makes the query bounded.</summary>
    [Parameter]
    public DateTimeOffset? Until { get; set; }

    /// <summary>An Okta filter expression, sent as given (for example: actor.alternateId eq "jane@corp.com").</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Filter { get; set; }

    /// <summary>Event types to keep; joined into the filter (tab completion from Okta's catalog).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(EventTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? EventType { get; set; }

    /// <summary>Okta keyword search (q): every keyword must match; at most 10, each at most 40 characters.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Keyword { get; set; }

    /// <summary>Events per request (1–1000); 1000 needs the fewest requests against the rate limit.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int PageSize { get; set; } = 1000;

    /// <summary>Stop after this many events (per org when exporting several).</summary>
    [Parameter]
    [ValidateRange(1L, long.MaxValue)]
    public long First { get; set; }

    /// <summary>Keep polling for new events after catching up, until Ctrl+C.</summary>
    [Parameter]
    public SwitchParameter Follow { get; set; }

    /// <summary>Wait between polls once caught up (-Follow). Default 15 seconds; raised to 1 second at least.</summary>
    [Parameter]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan ShortestPoll = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The query the parameters describe, validated; a bad query stops the command with
    /// <see cref="ErrorIds.InvalidSystemLogQuery"/> (ThrowTerminatingError does not return).
    /// </summary>
    protected SystemLogQuery BuildQuery(LogSortOrder sortOrder)
    {
        if (PollInterval < ShortestPoll && Follow.IsPresent) WriteWarning("-PollInterval below 1 second is raised to 1 second.");
        var query = new SystemLogQuery
        {
            Since = Since,
            Until = Until,
            Filter = Filter,
            EventTypes = EventType ?? Array.Empty<string>(),
            Keywords = Keyword ?? Array.Empty<string>(),
            SortOrder = sortOrder,
            PageSize = PageSize,
            First = MyInvocation.BoundParameters.ContainsKey(nameof(First)) ? First : null,
            Follow = Follow.IsPresent,
            PollInterval = PollInterval < ShortestPoll ? ShortestPoll : PollInterval,
        };
        try
        {
            query.Validate(DateTimeOffset.UtcNow, WriteWarning);
        }
        catch (ArgumentException ex)
        {
            Terminate(ex, query.Describe(), ErrorIds.InvalidSystemLogQuery);
        }
        return query;
    }

    /// <summary>The error id and category for a cursor file that cannot be used, the same for every reader.</summary>
    protected static (string Id, ErrorCategory Category) Classify(SystemLogCursorException ex) => ex.Problem switch
    {
        CursorProblem.InUse => (ErrorIds.CursorInUse, ErrorCategory.ResourceBusy),
        CursorProblem.Mismatch => (ErrorIds.CursorMismatch, ErrorCategory.InvalidArgument),
        CursorProblem.NotWritable => (ErrorIds.FileAccessFailed, ErrorCategory.WriteError),
        _ => (ErrorIds.CursorUnreadable, ErrorCategory.InvalidData),
    };
}
