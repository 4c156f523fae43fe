using System;
using System.Linq;
using System.Management.Automation;
using OktaIntegration.Core.Groups;
using OktaIntegration.Core.Users;
using OktaIntegration.Core.Zones;
using CoreApiException = OktaIntegration.Core.Http.OktaApiException;

namespace OktaIntegration;

/// <summary>
/// Replaces Core exceptions in error records with the public ones of this assembly
/// (<see cref="OktaException"/> and its kinds), so <c>catch [Type]</c> works on PowerShell 7,
/// where Core's types are invisible to type literals. The id, category, target and details stay.
/// </summary>
internal static class PublicErrors
{
    private static readonly System.Reflection.Assembly CoreAssembly = typeof(CoreApiException).Assembly;

    public static ErrorRecord Wrap(ErrorRecord record)
    {
        var exception = record.Exception;
        var replacement = ToPublic(exception);
        if (ReferenceEquals(replacement, exception)) return record;
        return new ErrorRecord(replacement, record.FullyQualifiedErrorId, record.CategoryInfo.Category, record.TargetObject)
        {
            ErrorDetails = record.ErrorDetails,
        };
    }

    /// <summary>The exception a script sees: Core's become public ones; everything else is returned as it is.</summary>
    public static Exception ToPublic(Exception exception) => exception switch
    {
        CoreApiException api => new OktaRequestException(api.Message, api.StatusCode is { } status ? (int)status : null,
            api.ErrorCode, api.ErrorSummary, api.ErrorId, api.ErrorCauses.ToArray(), api.RequestId,
            api.AuthenticateError, api.AuthenticateErrorDescription, api.RequestUri, api),
        OktaGroupNotFoundException or OktaUserNotFoundException or NetworkZoneNotFoundException =>
            new OktaNotFoundException(exception.Message, exception),
        _ when exception.GetType().Assembly == CoreAssembly => new OktaException(exception.Message, exception),
        _ => exception,
    };
}
