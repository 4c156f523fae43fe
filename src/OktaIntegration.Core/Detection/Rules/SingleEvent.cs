using System;
using System.Collections.Generic;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection.Rules;

/// <summary>Helpers of the one-event rules: a draft filled from the event, debug data read only for the rare events that need it.</summary>
internal static class SingleEvent
{
    public static ThreatFindingDraft Draft(string rule, OktaLogEvent e)
    {
        var d = new ThreatFindingDraft
        {
            Rule = rule,
            Fingerprint = $"{rule}|{e.Uuid}",
            UserId = e.ActorType == "User" ? e.ActorId : null,
            Login = e.ActorType == "User" ? e.ActorAlternateId : null,
            ClientIp = e.ClientIp,
            Country = e.Country,
            Asn = e.AsNumber,
            FirstSeen = e.Published,
            LastSeen = e.Published,
            EventCount = 1,
        };
        d.Evidence.Add(e.Uuid);
        return d;
    }

    /// <summary>A debugData field as text (debugData has no fixed schema; values are usually strings).</summary>
    public static string? Debug(OktaLogEvent e, string name)
    {
        var data = e.GetDetail().DebugData;
        return data.TryGetValue(name, out var v) && v != null ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The first target of the given type.</summary>
    public static LogTarget? Target(OktaLogEvent e, string type)
    {
        foreach (var t in e.GetDetail().Targets) if (string.Equals(t.Type, type, StringComparison.OrdinalIgnoreCase)) return t;
        return null;
    }

    public static string Who(OktaLogEvent e) => e.ActorAlternateId ?? e.ActorDisplayName ?? e.ActorId ?? "an unknown actor";

    public static ThreatSeverity Lower(ThreatSeverity s) => s == ThreatSeverity.Informational ? s : s - 1;

    public static ThreatSeverity Raise(ThreatSeverity s) => s == ThreatSeverity.Critical ? s : s + 1;

    public static bool Contains(string? text, string part) => text != null && text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;

    public static readonly IReadOnlyCollection<string> None = Array.Empty<string>();
}
