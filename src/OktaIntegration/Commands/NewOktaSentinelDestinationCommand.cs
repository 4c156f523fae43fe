using System;
using System.Management.Automation;
using System.Security;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Creates a Microsoft Sentinel destination (Azure Monitor Logs Ingestion API) for Export-OktaSystemLog.</para>
/// <para type="description">An Entra app's client credentials get a token; events go to a data collection rule's stream in calls of at most 1 MB. The API has no dedupe.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "OktaSentinelDestination", SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "New-OktaSentinelDestination.md")]
[OutputType(typeof(SentinelIngestionDestination))]
public sealed class NewOktaSentinelDestinationCommand : OktaCmdlet
{
    /// <summary>The data collection endpoint (logs ingestion URI), for example https://okta-dce-abcd.westeurope-1.ingest.monitor.azure.com.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public Uri? Endpoint { get; set; }

    /// <summary>The immutable id of the data collection rule (dcr-...).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string DcrImmutableId { get; set; } = string.Empty;

    /// <summary>The DCR stream (Custom-...).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Stream { get; set; } = string.Empty;

    /// <summary>The Entra tenant id.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The app's client id and secret (user name = client id, password = secret).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>The Entra authority (default https://login.microsoftonline.com; sovereign clouds differ).</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Authority { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Endpoint!.GetLeftPart(UriPartial.Authority) + " " + Stream, "Send System Log events to Microsoft Sentinel")) return;
        try
        {
            WriteObject(new SentinelIngestionDestination(Endpoint!, DcrImmutableId, Stream, TenantId, Credential!.UserName, SecureStrings.ToPlain(Credential.Password) ?? string.Empty, Authority));
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidDestination, ErrorCategory.InvalidArgument, Endpoint));
        }
    }
}
