using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace OktaIntegration.Core.RoleSync;

/// <summary>
/// Builds a <see cref="RoleMapping"/> from what an admin writes: a hashtable
/// (<c>@{ 'TL-Admins' = 'Administrator'; 'TL-Helpdesk' = 'Helpdesk','Read Only' }</c>), a JSON
/// file (the same as an object, or an array of <c>{ "group": …, "roles": […] }</c>), or a CSV
/// file with <c>Group</c> and <c>Role</c> columns (one row per pair, or roles separated by <c>;</c>).
/// </summary>
public static class RoleMappingParser
{
    /// <summary>From a dictionary whose values are a role name or a list of role names.</summary>
    public static RoleMapping FromDictionary(IDictionary dictionary)
    {
        var entries = new List<RoleMappingEntry>();
        foreach (DictionaryEntry pair in dictionary)
        {
            var key = Convert.ToString(pair.Key, CultureInfo.InvariantCulture) ?? string.Empty;
            entries.Add(new RoleMappingEntry(key, RolesOf(pair.Value, key)));
        }
        return new RoleMapping(entries);
    }

    /// <summary>From a .json or .csv file.</summary>
    public static RoleMapping FromFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"The mapping file '{path}' does not exist. Give a .json or .csv file, or a hashtable.", path);
        var text = File.ReadAllText(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".json" => FromJson(text, path),
            ".csv" => FromCsv(text, path),
            _ => throw new ArgumentException($"The mapping file '{path}' must end in .json or .csv (it ends in '{extension}')."),
        };
    }

    public static RoleMapping FromJson(string json, string source = "the JSON mapping")
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{source} is not valid JSON (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }
        using (doc)
        {
            var root = doc.RootElement;
            var entries = new List<RoleMappingEntry>();
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in root.EnumerateObject()) entries.Add(new RoleMappingEntry(property.Name, JsonRoles(property.Value, property.Name, source)));
            }
            else if (root.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in root.EnumerateArray())
                {
                    index++;
                    if (item.ValueKind != JsonValueKind.Object || !TryProperty(item, "group", out var group) || group.ValueKind != JsonValueKind.String)
                        throw new ArgumentException($"Entry {index} of {source} needs a \"group\" string and a \"roles\" list, e.g. {{ \"group\": \"TL-Admins\", \"roles\": [\"Administrator\"] }}.");
                    var roles = TryProperty(item, "roles", out var r) || TryProperty(item, "role", out r) ? r : default;
                    entries.Add(new RoleMappingEntry(group.GetString()!, JsonRoles(roles, group.GetString()!, source)));
                }
            }
            else
            {
                throw new ArgumentException($"{source} must be a JSON object (group → roles) or an array of {{ \"group\", \"roles\" }} entries.");
            }
            return new RoleMapping(entries);
        }
    }

    public static RoleMapping FromCsv(string csv, string source = "the CSV mapping")
    {
        var rows = CsvRows(csv).Where(r => r.Count > 1 || (r.Count == 1 && r[0].Trim().Length > 0)).ToList();
        if (rows.Count == 0) throw new ArgumentException($"{source} is empty; it needs a header row 'Group,Role' and one row per mapping.");
        var header = rows[0].Select(h => h.Trim()).ToList();
        var groupColumn = header.FindIndex(h => h.Equals("Group", StringComparison.OrdinalIgnoreCase) || h.Equals("GroupName", StringComparison.OrdinalIgnoreCase) || h.Equals("GroupId", StringComparison.OrdinalIgnoreCase));
        var roleColumn = header.FindIndex(h => h.Equals("Role", StringComparison.OrdinalIgnoreCase) || h.Equals("Roles", StringComparison.OrdinalIgnoreCase));
        if (groupColumn < 0 || roleColumn < 0)
            throw new ArgumentException($"{source} needs a header row with a 'Group' and a 'Role' column (found: {string.Join(", ", header)}).");
        var entries = new List<RoleMappingEntry>();
        for (var i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Count <= Math.Max(groupColumn, roleColumn))
                throw new ArgumentException($"Row {i + 1} of {source} has {row.Count} column(s); it needs the Group and Role columns.");
            var group = row[groupColumn];
            if (string.IsNullOrWhiteSpace(group)) throw new ArgumentException($"Row {i + 1} of {source} has an empty Group.");
            var roles = row[roleColumn].Split(';').Select(r => r.Trim()).Where(r => r.Length > 0).ToList();
            if (roles.Count == 0) throw new ArgumentException($"Row {i + 1} of {source} has an empty Role for group '{group.Trim()}'.");
            entries.Add(new RoleMappingEntry(group, roles));
        }
        return new RoleMapping(entries);
    }

    private static IEnumerable<string> RolesOf(object? value, string group)
    {
        switch (value)
        {
            case null:
                throw new ArgumentException($"The role mapping for group '{group}' is empty; map it to a role name or a list of role names.");
            case string one:
                return new[] { one };
            case IEnumerable many:
                return many.Cast<object?>().Select(r => Convert.ToString(r, CultureInfo.InvariantCulture) ?? string.Empty).ToList();
            default:
                return new[] { Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty };
        }
    }

    private static IEnumerable<string> JsonRoles(JsonElement value, string group, string source)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return new[] { value.GetString()! };
            case JsonValueKind.Array when value.EnumerateArray().All(r => r.ValueKind == JsonValueKind.String):
                return value.EnumerateArray().Select(r => r.GetString()!).ToList();
            default:
                throw new ArgumentException($"In {source}, the roles of group '{group}' must be a string or a list of strings.");
        }
    }

    private static bool TryProperty(JsonElement item, string name, out JsonElement value)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>RFC 4180 rows: commas, double-quoted fields with "" escapes and line breaks inside quotes.</summary>
    private static IEnumerable<List<string>> CsvRows(string text)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                yield return row;
                row = new List<string>();
            }
            else if (c != '\uFEFF') field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}
