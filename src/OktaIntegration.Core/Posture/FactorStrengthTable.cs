using System;
using System.Collections.Generic;
using System.IO;

namespace OktaIntegration.Core.Posture;

/// <summary>
/// The factor-strength table (FactorStrength.tsv, an embedded resource): factorType → strength
/// and a description. Kept as data so a reviewer reads the policy in one place and a change to it
/// is one line.
/// </summary>
public static class FactorStrengthTable
{
    private static readonly Lazy<Dictionary<string, (FactorStrength Strength, string Description)>> Table = new(Load);

    public static FactorStrength StrengthOf(string? factorType) =>
        factorType != null && Table.Value.TryGetValue(factorType, out var entry) ? entry.Strength : FactorStrength.Unknown;

    public static string? DescriptionOf(string? factorType) =>
        factorType != null && Table.Value.TryGetValue(factorType, out var entry) ? entry.Description : null;

    /// <summary>Every listed factor type with its strength, for documentation and tests.</summary>
    public static IReadOnlyDictionary<string, FactorStrength> Entries
    {
        get
        {
            var copy = new Dictionary<string, FactorStrength>(StringComparer.Ordinal);
            foreach (var pair in Table.Value) copy[pair.Key] = pair.Value.Strength;
            return copy;
        }
    }

    private static Dictionary<string, (FactorStrength, string)> Load()
    {
        using var stream = typeof(FactorStrengthTable).Assembly.GetManifestResourceStream("OktaIntegration.Core.Posture.FactorStrength.tsv")
            ?? throw new InvalidOperationException("The factor-strength table is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<string, (FactorStrength, string)>(StringComparer.Ordinal);
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var columns = line.Split('\t');
            if (columns.Length < 3 || !Enum.TryParse<FactorStrength>(columns[1], out var strength))
                throw new InvalidOperationException($"The factor-strength table has a malformed line: '{line}'.");
            table[columns[0]] = (strength, columns[2]);
        }
        return table;
    }
}
