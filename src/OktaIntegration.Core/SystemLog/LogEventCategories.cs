using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OktaIntegration.Core.SystemLog;

/// <summary>
/// Classifies event types by the table in EventTypeCatalog.tsv (an embedded resource): an exact
/// row wins, else the longest matching "prefix.*" row, else <see cref="LogEventCategory.Other"/>.
/// The same table feeds -EventType tab completion. Lookups are cached per event type.
/// </summary>
public static class LogEventCategories
{
    private static readonly Lazy<Catalog> Table = new(Load);
    private static readonly ConcurrentDictionary<string, LogEventCategory> Cache = new(StringComparer.Ordinal);

    /// <summary>Every exact event type in the catalog, sorted.</summary>
    public static IReadOnlyList<string> KnownEventTypes => Table.Value.Sorted;

    /// <summary>The catalog's description of an event type, or null.</summary>
    public static string? Describe(string eventType) =>
        Table.Value.Exact.TryGetValue(eventType, out var row) ? row.Description : null;

    /// <summary>The category's name, as <see cref="OktaLogEvent.Category"/> holds it (one shared string per category).</summary>
    public static string ClassifyName(string? eventType) => Names[(int)Classify(eventType)];

    private static readonly string[] Names = Enum.GetNames(typeof(LogEventCategory));

    public static LogEventCategory Classify(string? eventType)
    {
        if (string.IsNullOrEmpty(eventType)) return LogEventCategory.Other;
        return Cache.GetOrAdd(eventType!, static t => ClassifyUncached(t));
    }

    private static LogEventCategory ClassifyUncached(string eventType)
    {
        var table = Table.Value;
        if (table.Exact.TryGetValue(eventType, out var exact)) return exact.Category;
        foreach (var (prefix, category) in table.Prefixes)
        {
            if (eventType.StartsWith(prefix, StringComparison.Ordinal)) return category;
        }
        return LogEventCategory.Other;
    }

    private static Catalog Load()
    {
        using var stream = typeof(LogEventCategories).Assembly.GetManifestResourceStream("OktaIntegration.Core.SystemLog.EventTypeCatalog.tsv")
            ?? throw new InvalidOperationException("The event-type catalog resource is missing from OktaIntegration.Core.");
        using var reader = new StreamReader(stream);
        var exact = new Dictionary<string, (LogEventCategory, string)>(StringComparer.Ordinal);
        var prefixes = new List<(string, LogEventCategory)>();
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var cells = line.Split('\t');
            if (cells.Length < 2) continue;
            var category = (LogEventCategory)Enum.Parse(typeof(LogEventCategory), cells[1]);
            var description = cells.Length > 2 ? cells[2] : string.Empty;
            if (cells[0].EndsWith(".*", StringComparison.Ordinal)) prefixes.Add((cells[0].Substring(0, cells[0].Length - 1), category));
            else exact[cells[0]] = (category, description);
        }
        prefixes.Sort((a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
        return new Catalog(exact, prefixes, exact.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray());
    }

    private sealed class Catalog
    {
        public Catalog(Dictionary<string, (LogEventCategory Category, string Description)> exact, List<(string, LogEventCategory)> prefixes, string[] sorted)
        {
            Exact = exact;
            Prefixes = prefixes;
            Sorted = sorted;
        }

        public Dictionary<string, (LogEventCategory Category, string Description)> Exact { get; }

        public List<(string Prefix, LogEventCategory Category)> Prefixes { get; }

        public string[] Sorted { get; }
    }
}
