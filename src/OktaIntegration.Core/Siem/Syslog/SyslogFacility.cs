namespace OktaIntegration.Core.Siem.Syslog;

/// <summary>
/// The syslog facility (RFC 5424 section 6.2.1, numeric codes as written there): the PRI of every
/// message is facility × 8 + severity. The System Log is security and authorization data naming
/// users and IP addresses, so the default is <see cref="AuthPriv"/> (10), which common syslog
/// configurations file apart from world-readable logs.
/// </summary>
public enum SyslogFacility
{
    Kern = 0,
    User = 1,
    Mail = 2,
    Daemon = 3,

    /// <summary>Security/authorization messages.</summary>
    Auth = 4,
    Syslog = 5,
    Lpr = 6,
    News = 7,
    Uucp = 8,
    Cron = 9,

    /// <summary>Security/authorization messages (private): the default.</summary>
    AuthPriv = 10,
    Ftp = 11,
    Ntp = 12,

    /// <summary>Log audit.</summary>
    Audit = 13,

    /// <summary>Log alert.</summary>
    Alert = 14,
    Clock = 15,
    Local0 = 16,
    Local1 = 17,
    Local2 = 18,
    Local3 = 19,
    Local4 = 20,
    Local5 = 21,
    Local6 = 22,
    Local7 = 23,
}
