using System;
using System.Globalization;

namespace OktaIntegration.Core.RoleSync;

/// <summary>
/// How many revocations a plan may hold before it needs -Force: a count ("25") or a share of
/// the assignments the target holds now ("10%"). The default is 10 %, but never fewer than 5,
/// so a small store can still lose a leaver while a broken mapping that would empty a large
/// one is stopped.
/// </summary>
public sealed class RevocationLimit
{
    private RevocationLimit(int? count, double? percent, int floor, string text)
    {
        Count = count;
        Percent = percent;
        Floor = floor;
        Text = text;
    }

    public static RevocationLimit Default { get; } = new(null, 10, 5, "10% (at least 5)");

    public int? Count { get; }

    public double? Percent { get; }

    public int Floor { get; }

    public string Text { get; }

    public static RevocationLimit Parse(string text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.EndsWith("%", StringComparison.Ordinal)
            && double.TryParse(trimmed.Substring(0, trimmed.Length - 1).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
            && percent >= 0 && percent <= 100)
        {
            return new RevocationLimit(null, percent, 0, trimmed);
        }
        if (int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= 0)
            return new RevocationLimit(count, null, 0, trimmed);
        throw new ArgumentException($"-MaxRevocation '{text}' is not valid: give a count such as 25 or a percentage such as 10%.");
    }

    /// <summary>The largest number of revocations allowed when the target holds <paramref name="currentAssignments"/>.</summary>
    public int Allowed(int currentAssignments) =>
        Count ?? Math.Max(Floor, (int)Math.Floor(currentAssignments * Percent!.Value / 100.0));

    public override string ToString() => Text;
}
