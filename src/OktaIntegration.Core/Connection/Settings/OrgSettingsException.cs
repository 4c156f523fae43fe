using System;

namespace OktaIntegration.Core.Connection.Settings;

/// <summary>
/// A settings file the module will not use. The message names the file, the field (as a JSON
/// path such as orgs[1].credential.env) and its line; it never quotes a field's value, since the
/// value may be a secret that was put there by mistake.
/// </summary>
public sealed class OrgSettingsException : Exception
{
    public OrgSettingsException(OrgSettingsProblem problem, string message, string? field = null, int? line = null, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
        Field = field;
        Line = line;
    }

    public OrgSettingsProblem Problem { get; }

    /// <summary>The JSON path of the offending field, e.g. orgs[0].clientSecret; null for the file as a whole.</summary>
    public string? Field { get; }

    /// <summary>1-based line of the field in the file.</summary>
    public int? Line { get; }
}
