using System;
using System.Globalization;
using System.Text;
using System.Management.Automation;
using OktaIntegration.Core.Users;
using OktaIntegration.Core.Zones;

namespace OktaIntegration.Infrastructure;

/// <summary>Error records for the response actions' own failures; everything else goes through <see cref="ErrorRecords"/>.</summary>
internal static class ResponseErrorRecords
{
    public static ErrorRecord From(Exception exception, object? target) => exception switch
    {
        OktaUserNotFoundException => new ErrorRecord(exception, ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, target),
        OktaUserStateException => new ErrorRecord(exception, ErrorIds.UserStateInvalid, ErrorCategory.InvalidOperation, target),
        NetworkZoneNotFoundException => new ErrorRecord(exception, ErrorIds.ZoneNotFound, ErrorCategory.ObjectNotFound, target),
        NetworkZoneUnsuitableException => new ErrorRecord(exception, ErrorIds.ZoneNotBlocklist, ErrorCategory.InvalidArgument, target),
        BlocklistLimitExceededException => new ErrorRecord(exception, ErrorIds.BlocklistLimitExceeded, ErrorCategory.LimitsExceeded, target),
        _ => ErrorRecords.From(exception, target),
    };

    /// <summary>
    /// A user id or login that is null, empty or only whitespace (what a blank CSV column gives).
    /// The message shows the value with its whitespace spelled out, and the login that came with
    /// it if any, so the row can be found; the target object is the input as given.
    /// </summary>
    public static ErrorRecord BlankUserId(string? raw, string parameterName, string? login)
    {
        var label = string.IsNullOrWhiteSpace(login) ? string.Empty : $" (the input's login is '{login!.Trim()}')";
        var message = $"The {parameterName} value {Show(raw)} is blank{label}, so nothing was sent to Okta for it. " +
                      "A blank CSV column or an unset variable gives this. Give a user id (00u…) or a login such as jane@example.com.";
        return new ErrorRecord(new ArgumentException(message, parameterName), ErrorIds.UserIdBlank, ErrorCategory.InvalidArgument, raw);
    }

    /// <summary>The value as a PowerShell literal with whitespace made visible: $null, "", " ", "`t".</summary>
    private static string Show(string? raw)
    {
        if (raw == null) return "$null";
        var text = new StringBuilder("\"");
        foreach (var c in raw)
        {
            text.Append(c switch
            {
                '\t' => "`t",
                '\r' => "`r",
                '\n' => "`n",
                '`' => "``",
                '"' => "`\"",
                ' ' => " ",
                _ when char.IsWhiteSpace(c) || char.IsControl(c) => "`u{" + ((int)c).ToString("x", CultureInfo.InvariantCulture) + "}",
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }
}
