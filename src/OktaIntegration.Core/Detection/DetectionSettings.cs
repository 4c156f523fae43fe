using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection;

/// <summary>
/// Thresholds, windows, allow-lists and state caps for the rules. The defaults are data
/// (<c>DetectionDefaults.json</c>, embedded); a settings file or a hashtable of the same shape
/// overrides any of them. Names are checked against the defaults, so a misspelt threshold is an
/// error naming the valid ones instead of a silently kept default. Top-level rule names are
/// accepted as a shorthand for <c>rules.&lt;name&gt;</c>.
/// </summary>
public sealed class DetectionSettings
{
    private const string Resource = "OktaIntegration.Core.Detection.DetectionDefaults.json";
    private static readonly Lazy<Dictionary<string, object?>> DefaultTree = new(LoadDefaults);

    private readonly Dictionary<string, Dictionary<string, object?>> _rules = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, double> _state = new(StringComparer.OrdinalIgnoreCase);

    private DetectionSettings()
    {
        var tree = DefaultTree.Value;
        foreach (var rule in Map(tree["rules"], "rules"))
        {
            var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var kv in Map(rule.Value, rule.Key)) values[kv.Key] = kv.Value;
            _rules[rule.Key] = values;
        }
        foreach (var kv in Map(tree["state"], "state")) _state[kv.Key] = Convert.ToDouble(kv.Value, CultureInfo.InvariantCulture);
    }

    public DetectionAllowList AllowList { get; } = new();

    /// <summary>The defaults alone.</summary>
    public static DetectionSettings CreateDefault() => new();

    /// <summary>The names of every rule that has settings, in the defaults' order.</summary>
    public static IReadOnlyList<string> RuleNames => Map(DefaultTree.Value["rules"], "rules").Select(kv => kv.Key).ToArray();

    /// <summary>Defaults overridden by a JSON settings file.</summary>
    public static DetectionSettings FromFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DetectionSettingsException($"The settings file '{path}' cannot be read: {ex.Message}", ex);
        }
        return FromJson(text, $"the settings file '{path}'");
    }

    public static DetectionSettings FromJson(string json, string source = "the settings")
    {
        object? tree;
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            tree = OktaLogEventDetail.ToObject(doc.RootElement);
        }
        catch (JsonException ex)
        {
            throw new DetectionSettingsException($"{Capitalize(source)} is not valid JSON: {ex.Message}", ex);
        }
        var settings = new DetectionSettings();
        settings.Apply(tree, source);
        return settings;
    }

    /// <summary>Defaults overridden by a dictionary (a PowerShell hashtable) of the same shape as the JSON file.</summary>
    public static DetectionSettings FromDictionary(IDictionary dictionary)
    {
        var settings = new DetectionSettings();
        settings.Apply(dictionary, "the settings hashtable");
        return settings;
    }

    /// <summary>A rule's number (a threshold or window).</summary>
    public double Number(string rule, string name)
    {
        var value = RuleValues(rule).TryGetValue(name, out var v) ? v : throw new ArgumentException($"Rule {rule} has no setting {name}.");
        return value switch
        {
            bool b => b ? 1 : 0,
            null => 0,
            _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        };
    }

    public int Integer(string rule, string name) => (int)Math.Round(Number(rule, name));

    public TimeSpan Minutes(string rule, string name) => TimeSpan.FromMinutes(Number(rule, name));

    public bool Flag(string rule, string name) => Number(rule, name) != 0;

    /// <summary>A state cap or horizon (maxUsers, lateEventMinutes…).</summary>
    public double Limit(string name) => _state.TryGetValue(name, out var v) ? v : throw new ArgumentException($"No state setting {name}.");

    private Dictionary<string, object?> RuleValues(string rule) =>
        _rules.TryGetValue(rule, out var values) ? values : throw new ArgumentException($"No settings for rule {rule}.");

    private void Apply(object? tree, string source)
    {
        foreach (var top in Map(tree, source))
        {
            if (string.Equals(top.Key, "_comment", StringComparison.Ordinal)) continue;
            if (string.Equals(top.Key, "rules", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var rule in Map(top.Value, "rules")) ApplyRule(rule.Key, rule.Value, source);
            }
            else if (string.Equals(top.Key, "allowList", StringComparison.OrdinalIgnoreCase))
            {
                ApplyAllowList(top.Value, source);
            }
            else if (string.Equals(top.Key, "state", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var kv in Map(top.Value, "state"))
                {
                    if (!_state.ContainsKey(kv.Key))
                        throw new DetectionSettingsException($"{Capitalize(source)} sets state.{kv.Key}, which does not exist. Valid names: {string.Join(", ", _state.Keys)}.");
                    var n = ToNumber(kv.Value, $"state.{kv.Key}", source);
                    if (n <= 0) throw new DetectionSettingsException($"{Capitalize(source)} sets state.{kv.Key} to {n}; it must be above zero.");
                    _state[kv.Key] = n;
                }
            }
            else if (_rules.ContainsKey(top.Key))
            {
                ApplyRule(top.Key, top.Value, source);
            }
            else
            {
                throw new DetectionSettingsException(
                    $"{Capitalize(source)} has an entry '{top.Key}' that is neither 'rules', 'allowList', 'state' nor a rule name. Rules: {string.Join(", ", _rules.Keys)}.");
            }
        }
    }

    private void ApplyRule(string rule, object? value, string source)
    {
        if (!_rules.TryGetValue(rule, out var values))
            throw new DetectionSettingsException($"{Capitalize(source)} configures rule '{rule}', which does not exist. Rules: {string.Join(", ", _rules.Keys)}.");
        foreach (var kv in Map(value, rule))
        {
            if (!values.TryGetValue(kv.Key, out var current))
            {
                var valid = values.Count == 0 ? "it has no thresholds" : "valid names: " + string.Join(", ", values.Keys);
                throw new DetectionSettingsException($"{Capitalize(source)} sets {rule}.{kv.Key}, which does not exist ({valid}).");
            }
            if (current is bool)
            {
                values[kv.Key] = kv.Value is bool b ? b : throw new DetectionSettingsException($"{Capitalize(source)} sets {rule}.{kv.Key} to '{kv.Value}'; it must be true or false.");
            }
            else
            {
                var n = ToNumber(kv.Value, $"{rule}.{kv.Key}", source);
                if (n < 0) throw new DetectionSettingsException($"{Capitalize(source)} sets {rule}.{kv.Key} to {n}; it cannot be negative.");
                // A share is a fraction: 60 written for "60 %" could never be reached and the rule would silently never fire.
                if (kv.Key.StartsWith("minShare", StringComparison.Ordinal) && n > 1)
                    throw new DetectionSettingsException(string.Format(CultureInfo.InvariantCulture,
                        "{0} sets {1}.{2} to {3}; it is a share from 0 to 1 (0.6 for 60 %).", Capitalize(source), rule, kv.Key, n));
                values[kv.Key] = n;
            }
        }
    }

    private void ApplyAllowList(object? value, string source)
    {
        foreach (var kv in Map(value, "allowList"))
        {
            var items = Items(kv.Value);
            switch (kv.Key.ToLowerInvariant())
            {
                case "ips":
                    foreach (var item in items)
                    {
                        try
                        {
                            AllowList.AddIp(Convert.ToString(item, CultureInfo.InvariantCulture) ?? string.Empty);
                        }
                        catch (ArgumentException ex)
                        {
                            throw new DetectionSettingsException($"{Capitalize(source)} has allowList.ips entry '{item}' that is not an address, CIDR block or range: {ex.Message}", ex);
                        }
                    }
                    break;
                case "asns":
                    foreach (var item in items)
                    {
                        var text = Convert.ToString(item, CultureInfo.InvariantCulture) ?? string.Empty;
                        if (text.StartsWith("AS", StringComparison.OrdinalIgnoreCase)) text = text.Substring(2).Trim();
                        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var asn))
                            throw new DetectionSettingsException($"{Capitalize(source)} has allowList.asns entry '{item}' that is not an AS number (12345 or AS12345).");
                        AllowList.AddAsn(asn);
                    }
                    break;
                case "actors":
                    foreach (var item in items) AllowList.AddActor(Convert.ToString(item, CultureInfo.InvariantCulture) ?? string.Empty);
                    break;
                case "countries":
                    foreach (var item in items) AllowList.AddCountry(Convert.ToString(item, CultureInfo.InvariantCulture) ?? string.Empty);
                    break;
                default:
                    throw new DetectionSettingsException($"{Capitalize(source)} has allowList.{kv.Key}; the allow-lists are ips, asns, actors and countries.");
            }
        }
    }

    private static double ToNumber(object? value, string name, string source)
    {
        switch (value)
        {
            case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal when IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)):
                return Convert.ToDouble(value, CultureInfo.InvariantCulture);
            case string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && IsFinite(d):
                return d;
            default:
                throw new DetectionSettingsException($"{Capitalize(source)} sets {name} to '{value}'; it must be a number.");
        }
    }

    // "NaN" and "Infinity" parse as numbers but are no threshold (netstandard2.0 has no double.IsFinite).
    private static bool IsFinite(double d) => !double.IsNaN(d) && !double.IsInfinity(d);

    private static IEnumerable<object?> Items(object? value) => value switch
    {
        null => Array.Empty<object?>(),
        string s => new object?[] { s },
        IEnumerable list when value is not IDictionary => list.Cast<object?>(),
        _ => new[] { value },
    };

    /// <summary>A JSON object or a hashtable as name/value pairs; anything else is an error naming the entry.</summary>
    private static IEnumerable<KeyValuePair<string, object?>> Map(object? value, string name)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> map:
                return map;
            case IDictionary dictionary:
                return dictionary.Keys.Cast<object>().Select(k => new KeyValuePair<string, object?>(Convert.ToString(k, CultureInfo.InvariantCulture) ?? string.Empty, dictionary[k])).ToArray();
            default:
                throw new DetectionSettingsException($"The settings entry '{name}' must be an object (a hashtable), not '{value}'.");
        }
    }

    private static Dictionary<string, object?> LoadDefaults()
    {
        using var stream = typeof(DetectionSettings).GetTypeInfo().Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded resource {Resource} is missing.");
        using var doc = JsonDocument.Parse(stream);
        return (Dictionary<string, object?>)OktaLogEventDetail.ToObject(doc.RootElement)!;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
