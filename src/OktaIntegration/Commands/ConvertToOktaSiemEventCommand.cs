using System;
using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Text;
using OktaIntegration.Core.Detection;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Converts System Log events to Elastic Common Schema, OCSF or Sentinel ASIM, and threat findings to ECS alerts or OCSF Detection Findings.</para>
/// <para type="description">Takes OktaLogEvent objects from Get-OktaSystemLog, or OktaThreatFinding objects from Find-OktaThreat, and writes each in the named schema, as nested objects or, with -AsJson, one compact JSON line per item.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "OktaSiemEvent", DefaultParameterSetName = EventSet, HelpUri = HelpLinks.Base + "ConvertTo-OktaSiemEvent.md")]
[OutputType(typeof(PSObject), typeof(string))]
public sealed class ConvertToOktaSiemEventCommand : OktaCmdlet
{
    private const string EventSet = "Event";
    private const string FindingSet = "Finding";

    /// <summary>An event from Get-OktaSystemLog.</summary>
    [Parameter(ParameterSetName = EventSet, Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [ValidateNotNull]
    public OktaLogEvent? InputObject { get; set; }

    /// <summary>A finding from Find-OktaThreat: an ECS alert or an OCSF Detection Finding (ASIM has no class for it).</summary>
    [Parameter(ParameterSetName = FindingSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public OktaThreatFinding? Finding { get; set; }

    /// <summary>Ecs, Ocsf or Asim.</summary>
    [Parameter(Mandatory = true)]
    [ValidateSet("Ecs", "Ocsf", "Asim")]
    public string Schema { get; set; } = "Ecs";

    /// <summary>Write one compact JSON line per event instead of objects.</summary>
    [Parameter]
    public SwitchParameter AsJson { get; set; }

    private SiemNormalizer? _normalizer;

    protected override void BeginProcessing()
    {
        _normalizer = SiemNormalizer.For((SiemSchema)Enum.Parse(typeof(SiemSchema), Schema, ignoreCase: true));
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == FindingSet)
        {
            // Checked here, not in BeginProcessing: which set piped input binds to is known only now.
            if (!_normalizer!.HasFindingClass)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"-Schema {Schema} has no class for threat findings (ASIM's Authentication schema describes sign-ins only). Use -Schema Ecs (an alert) or -Schema Ocsf (a Detection Finding)."),
                    ErrorIds.SchemaHasNoFindingClass, ErrorCategory.InvalidArgument, Schema));
            }
            if (AsJson.IsPresent) WriteObject(Encoding.UTF8.GetString(_normalizer!.Normalize(Finding!)));
            else WriteObject(ToPSObject(_normalizer!.NormalizeToDictionary(Finding!)));
            return;
        }
        try
        {
            if (AsJson.IsPresent) WriteObject(Encoding.UTF8.GetString(_normalizer!.Normalize(InputObject!)));
            else WriteObject(ToPSObject(_normalizer!.NormalizeToDictionary(InputObject!)));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            // One event Okta sent malformed must not stop the rest.
            WriteError(new ErrorRecord(ex, ErrorIds.InvalidSiemEvent, ErrorCategory.InvalidData, InputObject));
        }
    }

    private static object? ToPSObject(object? value)
    {
        switch (value)
        {
            case OrderedDictionary map:
                var o = new PSObject();
                foreach (DictionaryEntry entry in map) o.Properties.Add(new PSNoteProperty((string)entry.Key, ToPSObject(entry.Value)));
                return o;
            case object[] items:
                var converted = new object?[items.Length];
                for (var i = 0; i < items.Length; i++) converted[i] = ToPSObject(items[i]);
                return converted;
            default:
                return value;
        }
    }
}
