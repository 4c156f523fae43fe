using System;
using System.Management.Automation;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Posture;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Gets the metadata of the org's active API tokens (never a token value).</para>
/// <para type="description">Name, owner, client, created, last updated, expiry and last use, and the network condition (any IP, or zones). Okta never returns a token's value after it is created.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OktaApiToken", HelpUri = HelpLinks.Base + "Get-OktaApiToken.md")]
[OutputType(typeof(OktaApiToken))]
public sealed class GetOktaApiTokenCommand : OktaConnectedCmdlet
{
    /// <summary>Only tokens whose name matches this wildcard pattern.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    protected override void EndProcessing()
    {
        var pattern = Name != null ? new WildcardPattern(Name, WildcardOptions.IgnoreCase) : null;
        var pager = new ApiTokenReader(ActiveConnection.Transport).List();
        try
        {
            while (Run(ct => pager.NextPageAsync(ct)) is { } page)
            {
                foreach (var token in page)
                {
                    if (pattern == null || pattern.IsMatch(token.Name)) WriteObject(token);
                }
            }
        }
        catch (Exception ex) when (ex is OktaApiException || ex is CrossOriginException)
        {
            Terminate(ex, Name);
        }
    }
}
