using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Connection.Settings;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// Turns Core exceptions into error records with a specific id and category (never
/// NotSpecified) and the failing input as target. Okta's errorCode, errorId and request id
/// travel inside the exception for support cases.
/// </summary>
public static class ErrorRecords
{
    public static ErrorRecord From(Exception exception, object? target, string? errorIdOverride = null)
    {
        var (id, category) = Classify(exception);
        return new ErrorRecord(exception, errorIdOverride ?? id, category, target);
    }

    public static (string Id, ErrorCategory Category) Classify(Exception exception)
    {
        switch (exception)
        {
            case CrossOriginException:
                return (ErrorIds.CrossOriginLink, ErrorCategory.SecurityError);
            case OktaApiException api:
                return ClassifyApi(api);
            case OrgUnreachableException:
                return (ErrorIds.OrgUnreachable, ErrorCategory.ConnectionError);
            case InvalidPrivateKeyException:
                return (ErrorIds.InvalidPrivateKey, ErrorCategory.InvalidData);
            case DeviceSignInException { Failure: DeviceSignInFailure.Denied }:
                return (ErrorIds.DeviceCodeDenied, ErrorCategory.PermissionDenied);
            case DeviceSignInException:
                return (ErrorIds.DeviceCodeExpired, ErrorCategory.OperationTimeout);
            case SignInExpiredException:
                return (ErrorIds.SignInExpired, ErrorCategory.AuthenticationError);
            case MissingCredentialException:
                return (ErrorIds.MissingCredential, ErrorCategory.InvalidArgument);
            case OrgSettingsException settings:
                return ClassifySettings(settings);
            case InvalidOrgUrlException:
                return (ErrorIds.InvalidOrgUrl, ErrorCategory.InvalidArgument);
            case FileNotFoundException:
            case DirectoryNotFoundException:
                return (ErrorIds.FileNotFound, ErrorCategory.ObjectNotFound);
            case ArgumentException:
                return (ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument);
            case OperationCanceledException:
                return (ErrorIds.Cancelled, ErrorCategory.OperationStopped);
            case UnauthorizedAccessException:
                // A local file the user may not write; OktaPermissionDenied is Okta's 403.
                return (ErrorIds.FileAccessFailed, ErrorCategory.PermissionDenied);
            case IOException:
                return (ErrorIds.FileAccessFailed, ErrorCategory.WriteError);
            default:
                return (ErrorIds.ServerError, ErrorCategory.InvalidOperation);
        }
    }

    private static (string, ErrorCategory) ClassifySettings(OrgSettingsException settings) => settings.Problem switch
    {
        OrgSettingsProblem.LiteralSecret => (ErrorIds.SettingsLiteralSecret, ErrorCategory.SecurityError),
        OrgSettingsProblem.UnknownField => (ErrorIds.SettingsUnknownField, ErrorCategory.InvalidData),
        OrgSettingsProblem.DuplicateOrg => (ErrorIds.SettingsDuplicateOrg, ErrorCategory.InvalidData),
        OrgSettingsProblem.InsecureOrgUrl => (ErrorIds.SettingsInsecureOrgUrl, ErrorCategory.SecurityError),
        _ => (ErrorIds.SettingsInvalid, ErrorCategory.InvalidData),
    };

    private static (string, ErrorCategory) ClassifyApi(OktaApiException api)
    {
        var code = api.ErrorCode;
        var summary = (api.ErrorSummary ?? string.Empty).ToLowerInvariant();
        if (api.StatusCode is null) return (ErrorIds.OrgUnreachable, ErrorCategory.ConnectionError);
        if (code == "invalid_client" && summary.Contains("kid")) return (ErrorIds.InvalidKeyId, ErrorCategory.AuthenticationError);
        if (code == "invalid_client" && (summary.Contains("expir") || summary.Contains("future") || summary.Contains("issued"))) return (ErrorIds.ClockSkew, ErrorCategory.AuthenticationError);
        if (code == "invalid_client") return (ErrorIds.InvalidClient, ErrorCategory.AuthenticationError);
        if (code == "invalid_scope") return (ErrorIds.InvalidScope, ErrorCategory.PermissionDenied);
        if (code == "invalid_dpop_proof" && summary.Contains("missing") && api.RequestUri?.AbsolutePath.EndsWith("/token", StringComparison.Ordinal) == true)
            return (ErrorIds.DPoPRequired, ErrorCategory.AuthenticationError);
        if (api.AuthenticateError == "invalid_dpop_proof" || code == "invalid_dpop_proof") return (ErrorIds.DPoPProofRejected, ErrorCategory.AuthenticationError);
        if (api.AuthenticateError == "insufficient_scope") return (ErrorIds.InsufficientScope, ErrorCategory.PermissionDenied);
        return (int)api.StatusCode.Value switch
        {
            400 => (ErrorIds.InvalidRequest, ErrorCategory.InvalidArgument),
            401 => (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError),
            403 => (ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied),
            404 => (ErrorIds.NotFound, ErrorCategory.ObjectNotFound),
            409 => (ErrorIds.Conflict, ErrorCategory.ResourceExists),
            429 => (ErrorIds.RateLimited, ErrorCategory.LimitsExceeded),
            >= 500 => (ErrorIds.ServerError, ErrorCategory.ConnectionError),
            _ => (ErrorIds.InvalidRequest, ErrorCategory.InvalidOperation),
        };
    }
}
