using System;
using System.IO;
using System.Management.Automation;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Creates an NDJSON file destination for Export-OktaSystemLog: one event a line, a file per hour or size, flushed to disk before the cursor moves.</para>
/// <para type="description">The simplest loss-free destination, and the one a SIEM agent can tail.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "OktaFileDestination", SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "New-OktaFileDestination.md")]
[OutputType(typeof(FileDestination))]
public sealed class NewOktaFileDestinationCommand : OktaCmdlet
{
    /// <summary>The folder the files are written to; it must exist.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>The start of each file name (default okta): okta-20261129-03.ndjson.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Prefix { get; set; } = "okta";

    /// <summary>Start a new file once one reaches this size, in megabytes (default 256).</summary>
    [Parameter]
    [ValidateRange(1, 1048576)]
    public int MaxFileSizeMB { get; set; } = 256;

    protected override void ProcessRecord()
    {
        var folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldProcess(folder, "Write System Log events as NDJSON files")) return;
        try
        {
            WriteObject(new FileDestination(folder, Prefix, MaxFileSizeMB * 1024L * 1024L));
        }
        catch (DirectoryNotFoundException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidDestination, ErrorCategory.ObjectNotFound, Path));
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidDestination, ErrorCategory.InvalidArgument, Prefix));
        }
    }
}
