using System;

namespace OktaIntegration.Emulator.SystemLog;

/// <summary>A filter Okta would refuse, with the error code and summary Okta answers with (HTTP 400).</summary>
public sealed class LogFilterException : Exception
{
    public LogFilterException(string errorCode, string summary)
        : base(summary)
    {
        ErrorCode = errorCode;
    }

    public string ErrorCode { get; }
}
