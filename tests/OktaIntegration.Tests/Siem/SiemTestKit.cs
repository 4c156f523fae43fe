using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OktaIntegration.Core.SystemLog;
using OktaIntegration.Emulator.SystemLog;
using OktaIntegration.Tests.Infrastructure;
using OktaIntegration.Tests.SystemLog;

namespace OktaIntegration.Tests.Siem;

internal static class SiemTestKit
{
    /// <summary>One event of every type the emulator's generator produces, read back through the real reader.</summary>
    public static async Task<List<OktaLogEvent>> OneOfEachTypeAsync(TestOrg org)
    {
        foreach (var type in LogEventGenerator.EventTypes) org.Emulator.SystemLog.Append(type, DateTimeOffset.UtcNow.AddMinutes(-5));
        using var connection = await org.ConnectSswsAsync();
        var events = await SystemLogTestKit.ReadAllAsync(connection, SystemLogTestKit.PollingFromStart(pageSize: 1000));
        return events.GroupBy(e => e.EventType).Select(g => g.First()).ToList();
    }

    /// <summary>The value at a dotted path, or null when absent.</summary>
    public static JsonElement? At(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out var next)) return null;
            current = next;
        }
        return current;
    }

    /// <summary>Every scalar value in a JSON document, as its raw text (strings unquoted).</summary>
    public static HashSet<string> Scalars(JsonElement e)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonElement x)
        {
            switch (x.ValueKind)
            {
                case JsonValueKind.Object: foreach (var p in x.EnumerateObject()) Walk(p.Value); break;
                case JsonValueKind.Array: foreach (var i in x.EnumerateArray()) Walk(i); break;
                case JsonValueKind.String: set.Add(x.GetString()!); break;
                case JsonValueKind.Null: break;
                default: set.Add(x.GetRawText()); break;
            }
        }
        Walk(e);
        return set;
    }

    public static bool HasNull(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.Object => e.EnumerateObject().Any(p => HasNull(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Any(HasNull),
        _ => false,
    };
}
