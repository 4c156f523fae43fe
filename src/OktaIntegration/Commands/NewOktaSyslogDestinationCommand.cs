using System;
using System.IO;
using System.Management.Automation;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Core.Siem.Syslog;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Creates a syslog destination for Export-OktaSystemLog: RFC 5424 messages over TLS (RFC 5425) or TCP with octet-counting framing, the payload JSON or CEF.</para>
/// <para type="description">Syslog has no acknowledgement beyond TCP: a batch counts as delivered once the receiver has read it to the end and closed the connection, not once it is stored. A resend after a failure can duplicate; the uuid in every message lets receivers drop repeats.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "OktaSyslogDestination", SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "New-OktaSyslogDestination.md")]
[OutputType(typeof(SyslogDestination))]
public sealed class NewOktaSyslogDestinationCommand : OktaCmdlet
{
    /// <summary>The receiver's host name or IP address; with TLS its certificate must name it.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Server { get; set; } = string.Empty;

    /// <summary>The receiver's port: default 6514 for Tls (RFC 5425), 514 for Tcp.</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int Port { get; set; }

    /// <summary>Tls (default) or Tcp (plain text: loopback or a trusted segment only).</summary>
    [Parameter]
    [ValidateSet("Tls", "Tcp")]
    public string Transport { get; set; } = "Tls";

    /// <summary>Json (default: the event in the export's -Schema, one line) or Cef.</summary>
    [Parameter]
    [ValidateSet("Json", "Cef")]
    public string Format { get; set; } = "Json";

    /// <summary>The syslog facility (default AuthPriv, 10: security/authorization, private).</summary>
    [Parameter]
    [ValidateSet("Kern", "User", "Mail", "Daemon", "Auth", "Syslog", "Lpr", "News", "Uucp", "Cron", "AuthPriv", "Ftp", "Ntp", "Audit", "Alert", "Clock",
        "Local0", "Local1", "Local2", "Local3", "Local4", "Local5", "Local6", "Local7")]
    public string Facility { get; set; } = "AuthPriv";

    /// <summary>RFC 5424 APP-NAME (default okta): printable US-ASCII, at most 48 characters.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string AppName { get; set; } = "okta";

    /// <summary>RFC 5424 HOSTNAME (default: this machine's name).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HostName { get; set; }

    /// <summary>An SD-ID (name@enterprise-number) under which each message carries [id uuid="..."]; default none (the uuid is in the payload).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StructuredDataId { get; set; }

    /// <summary>A PEM or DER file with the CA certificate(s) of a private CA, trusted besides the system store (TLS only).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("CaPath")]
    public string? TrustedCertificateAuthorityPath { get; set; }

    /// <summary>How long one batch may take, from connecting to the receiver's close, before it is sent again (default 60 s).</summary>
    [Parameter]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    protected override void ProcessRecord()
    {
        var transport = (SyslogTransport)Enum.Parse(typeof(SyslogTransport), Transport, ignoreCase: true);
        var port = MyInvocation.BoundParameters.ContainsKey(nameof(Port)) ? Port : transport == SyslogTransport.Tls ? 6514 : 514;
        var caPath = TrustedCertificateAuthorityPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(TrustedCertificateAuthorityPath);
        if (caPath != null && transport != SyslogTransport.Tls)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-TrustedCertificateAuthorityPath is for -Transport Tls only; plain TCP checks no certificate."),
                ErrorIds.SyslogCaWithoutTls, ErrorCategory.InvalidArgument, TrustedCertificateAuthorityPath));
        }
        if (Timeout <= TimeSpan.Zero)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-Timeout must be positive; it was {Timeout}."), ErrorIds.InvalidDestination, ErrorCategory.InvalidArgument, Timeout));
        }
        if (!ShouldProcess($"{Server}:{port}", $"Send System Log events over syslog ({Transport}, {Format})")) return;
        try
        {
            WriteObject(new SyslogDestination(Server, port, transport,
                (SyslogPayloadFormat)Enum.Parse(typeof(SyslogPayloadFormat), Format, ignoreCase: true),
                (SyslogFacility)Enum.Parse(typeof(SyslogFacility), Facility, ignoreCase: true),
                AppName, HostName, StructuredDataId, caPath) { Timeout = Timeout });
        }
        catch (FileNotFoundException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.SyslogCaFileNotFound, ErrorCategory.ObjectNotFound, TrustedCertificateAuthorityPath));
        }
        catch (SyslogSettingException ex)
        {
            ThrowTerminatingError(ex.Setting switch
            {
                SyslogSetting.CertificateAuthorityFile => new ErrorRecord(ex, ErrorIds.SyslogCaFileInvalid, ErrorCategory.InvalidData, TrustedCertificateAuthorityPath),
                SyslogSetting.AppName => new ErrorRecord(ex, ErrorIds.InvalidSyslogHeader, ErrorCategory.InvalidArgument, AppName),
                SyslogSetting.HostName => new ErrorRecord(ex, ErrorIds.InvalidSyslogHeader, ErrorCategory.InvalidArgument, HostName),
                SyslogSetting.StructuredDataId => new ErrorRecord(ex, ErrorIds.InvalidSyslogHeader, ErrorCategory.InvalidArgument, StructuredDataId),
                _ => new ErrorRecord(ex, ErrorIds.InvalidDestination, ErrorCategory.InvalidArgument, Server),
            });
        }
    }
}
