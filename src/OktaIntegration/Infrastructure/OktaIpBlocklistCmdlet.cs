using System;
using System.Collections.Generic;
using System.Management.Automation;
using OktaIntegration.Core.Zones;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// Block-OktaIpAddress and Unblock-OktaIpAddress. Addresses are validated and confirmed one by
/// one as they arrive, then written in ONE read-modify-write of the zone at the end, so piping
/// 500 addresses makes one PUT, and -WhatIf sends no request at all.
/// </summary>
public abstract class OktaIpBlocklistCmdlet : OktaConnectedCmdlet
{
    private readonly List<IpAddressEntry> _pending = new();
    private readonly HashSet<IpAddressEntry> _seen = new();

    /// <summary>
    /// IPv4 or IPv6 addresses, CIDR blocks (203.0.113.0/24) or ranges (203.0.113.7-203.0.113.9).
    /// Binds ClientIp from System Log events.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ClientIp", "Ip")]
    [AllowEmptyString]
    public string[] IpAddress { get; set; } = Array.Empty<string>();

    /// <summary>The IP blocklist zone, by name or id (nzo…). Default: Okta's system zone BlockedIpZone.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ZoneName { get; set; } = NetworkZoneClient.DefaultBlocklistZone;

    /// <summary>"Block" or "Unblock", for prompts.</summary>
    protected abstract string ActionName { get; }

    protected abstract IpBlocklistUpdate Apply(NetworkZoneClient zones, IReadOnlyList<IpAddressEntry> entries);

    protected override void ProcessRecord()
    {
        foreach (var raw in IpAddress)
        {
            if (!IpAddressEntry.TryParse(raw, out var entry, out var problem))
            {
                WriteError(new ErrorRecord(new ArgumentException(problem), ErrorIds.InvalidIpAddress, ErrorCategory.InvalidArgument, raw));
                continue;
            }
            if (!_seen.Add(entry!))
            {
                WriteVerbose($"Skipping '{raw}': {entry} is already in this command's list.");
                continue;
            }
            if (ShouldProcess($"{entry} in network zone '{ZoneName}'", ActionName)) _pending.Add(entry!);
        }
    }

    protected override void EndProcessing()
    {
        if (_pending.Count == 0) return;
        var zones = new NetworkZoneClient(ActiveConnection);
        var progress = new ProgressRecord(2, $"{ActionName}ing IP addresses", $"Updating network zone '{ZoneName}' with {_pending.Count} entries");
        WriteProgress(progress);
        IpBlocklistUpdate update;
        try
        {
            update = Apply(zones, _pending);
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            // One write covers every address, so a failure here means none was changed.
            ThrowTerminatingError(ResponseErrorRecords.From(ex, ZoneName));
            return;
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
        foreach (var result in update.Results)
        {
            if (result.Action == nameof(IpBlocklistAction.StillBlockedByWiderEntry))
                WriteWarning($"{result.IpAddress} is not listed on its own in {update.Zone}, but the entry {result.CoveredBy} covers it, so it stays blocked. Unblock {result.CoveredBy} to lift it.");
            else if (result.CoveredBy != null)
                WriteVerbose($"{result.IpAddress} is already blocked by the entry {result.CoveredBy}.");
            WriteObject(result);
        }
        base.EndProcessing();
    }
}
