namespace OktaIntegration.Infrastructure;

public static partial class ErrorIds
{
    // New-OktaSyslogDestination
    public const string SyslogCaFileNotFound = "OktaSyslogCaFileNotFound";
    public const string SyslogCaFileInvalid = "OktaSyslogCaFileInvalid";
    public const string SyslogCaWithoutTls = "OktaSyslogCaWithoutTls";
    public const string InvalidSyslogHeader = "OktaInvalidSyslogHeader";
}
