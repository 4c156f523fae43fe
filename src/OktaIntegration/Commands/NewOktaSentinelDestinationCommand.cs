using System;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Core.Siem.Entra;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Creates a Microsoft Sentinel destination (Azure Monitor Logs Ingestion API) for Export-OktaSystemLog.</para>
/// <para type="description">An Entra app's client credentials (a client secret, or a certificate whose key signs a client assertion) get a token; events go to a data collection rule's stream in calls of at most 1 MB. The API has no dedupe.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "OktaSentinelDestination", SupportsShouldProcess = true, DefaultParameterSetName = ClientSecretSet, HelpUri = HelpLinks.Base + "New-OktaSentinelDestination.md")]
[OutputType(typeof(SentinelIngestionDestination))]
public sealed class NewOktaSentinelDestinationCommand : OktaDestinationCmdlet
{
    private const string ClientSecretSet = "ClientSecret";
    private const string CertificateSet = "Certificate";
    private const string CertificateThumbprintSet = "CertificateThumbprint";

    /// <summary>The data collection endpoint (logs ingestion URI), for example https://okta-dce-abcd.westeurope-1.ingest.monitor.azure.com.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public Uri? Endpoint { get; set; }

    /// <summary>The immutable id of the data collection rule (dcr-...).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string DcrImmutableId { get; set; } = string.Empty;

    /// <summary>The DCR stream (Custom-...).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Stream { get; set; } = string.Empty;

    /// <summary>The Entra tenant id.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The app's client id and secret (user name = client id, password = secret).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>The app's client (application) id, with -Certificate or -CertificateThumbprint.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    /// <summary>A certificate registered on the app, with its RSA private key, whose key signs the client assertion.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    [ValidateNotNull]
    public X509Certificate2? Certificate { get; set; }

    /// <summary>The thumbprint of such a certificate in CurrentUser\My or LocalMachine\My.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificateThumbprint { get; set; }

    /// <summary>The Entra authority (default https://login.microsoftonline.com; sovereign clouds differ).</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Authority { get; set; }

    protected override void ProcessRecord() =>
        WriteDestination(Endpoint!, DestinationUrl.Shown(Endpoint!) + " " + Stream, "Send System Log events to Microsoft Sentinel",
            () => new SentinelIngestionDestination(Endpoint!, DcrImmutableId, Stream, TenantId, EntraCredential(), Authority));

    private EntraClientCredential EntraCredential()
    {
        switch (ParameterSetName)
        {
            case CertificateSet:
                return new EntraCertificateCredential(ClientId!, Certificate!);
            case CertificateThumbprintSet:
                try
                {
                    return new EntraCertificateCredential(ClientId!, CertificateKeyLoader.FindByThumbprint(CertificateThumbprint!));
                }
                catch (InvalidPrivateKeyException ex)
                {
                    throw new ArgumentException(ex.Message, ex); // not in the store: the destination's settings are wrong
                }
            default:
                return new EntraClientSecret(Credential!.UserName, Plain(Credential.Password));
        }
    }
}
