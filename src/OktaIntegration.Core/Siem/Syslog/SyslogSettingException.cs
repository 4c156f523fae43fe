using System;

namespace OktaIntegration.Core.Siem.Syslog;

/// <summary>What a syslog setting got wrong; <see cref="Setting"/> names it, so a caller can say which input to fix.</summary>
public sealed class SyslogSettingException : ArgumentException
{
    public SyslogSettingException(SyslogSetting setting, string message, Exception? inner = null)
        : base(message, inner)
    {
        Setting = setting;
    }

    public SyslogSetting Setting { get; }
}

/// <summary>The syslog settings a <see cref="SyslogSettingException"/> can name.</summary>
public enum SyslogSetting
{
    Server,
    Port,
    HostName,
    AppName,
    StructuredDataId,
    Facility,

    /// <summary>A CA file given for plain TCP, where it means nothing.</summary>
    CertificateAuthorityWithoutTls,

    /// <summary>A CA file that holds no certificate.</summary>
    CertificateAuthorityFile,
}
