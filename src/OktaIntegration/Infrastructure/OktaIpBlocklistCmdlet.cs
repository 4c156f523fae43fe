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
    /// IPv4 is four decimal parts without leading zeros; ambiguous forms and entries covering every
    /// address are refused (see IpAddressEntry). Binds ClientIp from System Log events.
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

    /// <summary>Null when the entry may go ahead, else the error record that refuses it (Block-OktaIpAddress asks for -Force on very large blocks).</summary>
    protected virtual ErrorRecord? Refuse(string? raw, IpAddressEntry entry) => null;

    protected override void ProcessRecord()
    {
        foreach (var raw in IpAddress)
        {
            if (!IpAddressEntry.TryParse(raw, out var entry, out var problem, out var refusal))
            {
                var errorId = refusal switch
                {
                    IpAddressRefusal.Ambiguous => ErrorIds.AmbiguousIpAddress,
                    IpAddressRefusal.CoversEveryAddress => ErrorIds.IpBlockCoversEveryAddress,
                    _ => ErrorIds.InvalidIpAddress,
                };
                WriteError(new ErrorRecord(new ArgumentException(problem), errorId, ErrorCategory.InvalidArgument, raw));
                continue;
            }
            if (Refuse(raw, entry!) is { } refused)
            {
                WriteError(refused);
                continue;
            }
            if (!_seen.Add(entry!))
            {
                WriteVerbose($"Skipping '{raw}': {entry} is already in this command's list.");
                continue;
            }
            if (ShouldProcess(DescribeTarget(raw, entry!), ActionName)) _pending.Add(entry!);
        }
    }

    /// <summary>"203.0.113.0/24 (given as 203.0.113.9/24, 256 addresses) in network zone 'BlockedIpZone' in https://acme.okta.com": what will be written, what was typed when that differs, and the org (piped addresses do not carry one).</summary>
    private string DescribeTarget(string? raw, IpAddressEntry entry)
    {
        var typed = (raw ?? string.Empty).Trim();
        var notes = new List<string>();
        if (!string.Equals(typed, entry.Value, StringComparison.OrdinalIgnoreCase)) notes.Add($"given as {typed}");
        if (entry.AddressCount > 1) notes.Add(entry.DescribeSize());
        return entry.Value + (notes.Count > 0 ? $" ({string.Join(", ", notes)})" : string.Empty) + $" in network zone '{ZoneName}' in {ActiveConnection.OrgUrl}";
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
