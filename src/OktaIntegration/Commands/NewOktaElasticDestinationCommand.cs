using System;
using System.Management.Automation;
using System.Security;
using OktaIntegration.Core.Siem.Destinations;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Creates an Elasticsearch or OpenSearch _bulk destination for Export-OktaSystemLog: create actions with _id = the Okta uuid, so repeats are never indexed twice.</para>
/// <para type="description">A 409 for an _id already present counts as delivered; only items that failed with 429 or 5xx are sent again.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "OktaElasticDestination", SupportsShouldProcess = true, DefaultParameterSetName = ApiKeySet, HelpUri = HelpLinks.Base + "New-OktaElasticDestination.md")]
[OutputType(typeof(ElasticBulkDestination))]
public sealed class NewOktaElasticDestinationCommand : OktaDestinationCmdlet
{
    private const string ApiKeySet = "ApiKey";
    private const string BasicSet = "Basic";

    /// <summary>The cluster URL, for example https://es.corp.example:9200.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public Uri? Url { get; set; }

    /// <summary>The index or data stream (default logs-okta.system-default, a data stream).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Index { get; set; } = "logs-okta.system-default";

    /// <summary>An encoded API key (the "encoded" value Elasticsearch returns).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
    [ValidateNotNull]
    public SecureString? ApiKey { get; set; }

    /// <summary>A user name and password for basic authentication.</summary>
    [Parameter(Mandatory = true, ParameterSetName = BasicSet)]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    protected override void ProcessRecord() =>
        WriteDestination(Url!, DestinationUrl.Shown(Url!) + " " + Index, "Send System Log events to Elasticsearch", () => ApiKey != null
            ? new ElasticBulkDestination(Url!, Index, apiKey: Plain(ApiKey))
            : new ElasticBulkDestination(Url!, Index, user: Credential!.UserName, password: Plain(Credential.Password)));
}
