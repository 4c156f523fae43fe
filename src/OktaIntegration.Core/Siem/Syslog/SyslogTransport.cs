namespace OktaIntegration.Core.Siem.Syslog;

/// <summary>How syslog messages travel: both with octet-counting framing (RFC 6587 section 3.4.1, RFC 5425 section 4.3).</summary>
public enum SyslogTransport
{
    /// <summary>Plain TCP: readable by anyone on the path; for loopback or a trusted network segment.</summary>
    Tcp,

    /// <summary>TLS (RFC 5425), the server certificate checked against the system store or a given CA, and its name against the server name.</summary>
    Tls,
}
