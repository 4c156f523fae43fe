namespace OktaIntegration.Infrastructure;

/// <summary>
/// Every error id the module writes, in one place, so they stay stable and documented
/// (runbooks assert them with Should -Throw -ErrorId). See docs/error-ids.md.
/// </summary>
public static partial class ErrorIds
{
    // Connecting
    public const string NotConnected = "OktaNotConnected";
    public const string InvalidOrgUrl = "OktaInvalidOrgUrl";
    public const string MissingCredential = "OktaMissingCredential";
    public const string InvalidPrivateKey = "OktaInvalidPrivateKey";
    public const string AuthenticationFailed = "OktaAuthenticationFailed";
    public const string InvalidClient = "OktaInvalidClient";
    public const string InvalidKeyId = "OktaInvalidKeyId";
    public const string ClockSkew = "OktaClockSkew";
    public const string InvalidScope = "OktaInvalidScope";
    public const string InsufficientScope = "OktaInsufficientScope";
    public const string DPoPRequired = "OktaDPoPRequired";
    public const string DPoPProofRejected = "OktaDPoPProofRejected";
    public const string PermissionDenied = "OktaPermissionDenied";
    public const string OrgUnreachable = "OktaOrgUnreachable";
    public const string CrossOriginLink = "OktaCrossOriginLink";
    public const string DeviceCodeDenied = "OktaDeviceCodeDenied";
    public const string DeviceCodeExpired = "OktaDeviceCodeExpired";
    public const string SignInExpired = "OktaSignInExpired";

    // Any call
    public const string RateLimited = "OktaRateLimited";
    public const string NotFound = "OktaNotFound";
    public const string InvalidRequest = "OktaInvalidRequest";
    public const string Conflict = "OktaConflict";
    public const string ServerError = "OktaServerError";
    public const string Cancelled = "OktaOperationCancelled";
    public const string InvalidArgument = "OktaInvalidArgument";
    public const string FileNotFound = "OktaFileNotFound";
    public const string FileAccessFailed = "OktaFileAccessFailed";
}
