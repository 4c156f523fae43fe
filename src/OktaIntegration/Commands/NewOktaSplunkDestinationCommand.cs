using System;
using System.Management.Automation;
using System.Security;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Creates a Splunk HTTP Event Collector destination for Export-OktaSystemLog, with indexer acknowledgement.</para>
/// <para type="description">Batches events to /services/collector/event with the Okta uuid as the indexed field okta_uuid, and with -NoAck off polls /services/collector/ack until Splunk confirms indexing before the cursor moves.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "OktaSplunkDestination", SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "New-OktaSplunkDestination.md")]
[OutputType(typeof(SplunkHecDestination))]
public sealed class NewOktaSplunkDestinationCommand : OktaDestinationCmdlet
{
    /// <summary>The HEC base URL, for example https://splunk.corp.example:8088.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public Uri? Url { get; set; }

    /// <summary>The HEC token.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public SecureString? Token { get; set; }

    /// <summary>The index to write to; default: the token's default index.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Index { get; set; }

    /// <summary>The sourcetype (default okta:im2, as the Splunk Add-on for Okta uses).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Sourcetype { get; set; } = "okta:im2";

    /// <summary>Do not wait for indexer acknowledgement (tokens without it; Splunk Cloud): a 200 then only means the events looked valid.</summary>
    [Parameter]
    public SwitchParameter NoAck { get; set; }

    /// <summary>How long to wait for an indexer ack before sending the events again (default 120 s).</summary>
    [Parameter]
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(120);

    protected override void ProcessRecord() =>
        WriteDestination(Url!, DestinationUrl.Shown(Url!), "Send System Log events to Splunk HEC",
            () => new SplunkHecDestination(Url!, Plain(Token), useAck: !NoAck.IsPresent, index: Index, sourcetype: Sourcetype) { AckTimeout = AckTimeout });
}
