using System;
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
}
